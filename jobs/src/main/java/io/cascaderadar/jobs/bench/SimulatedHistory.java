package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.jobs.replay.AvroFileFormat;
import io.cascaderadar.jobs.sim.Scenario;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.Simulation;
import io.cascaderadar.jobs.sim.Simulator;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A long history from the simulator ({@code radar simulate}): its calibrated {@value #SCENARIO} scenario, run with
 * the seeds {@code seed}, {@code seed + 1}… and laid back to back in time until the history has the liquidations
 * asked for. Each run is five and a half hours: three calm, the cascade, its decay; with its open interest, prices
 * and feed health. Written as the Avro files a replay's job reads and the liquidations also as the normalized CSV.
 * Only one run is held in memory at a time.
 */
final class SimulatedHistory {
    static final String SCENARIO = "2025-10-10";

    /** Describes the history in its directory, written once the files are complete. */
    private static final String DESCRIPTION = "history.properties";

    /** What was written: the inputs' sizes, the simulator runs, and the first and last liquidation. */
    record Written(AvroHistory files, long liquidations, long openInterest, long prices, long feedHealth, int runs,
            int assets, int venues, Instant first, Instant last) {}

    private SimulatedHistory() {}

    /** The history of {@code liquidations} from {@code seed} that {@link #write} left in {@code dir}, or null if none. */
    static Written kept(long liquidations, long seed, Path dir) throws IOException, InputFileException {
        Path description = dir.resolve(DESCRIPTION);
        if (!Files.exists(description)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(description)) {
            p.load(in);
        }
        Description d = new Description(p, description);
        if (d.value("liquidations", Long::parseLong) != liquidations || d.value("seed", Long::parseLong) != seed
                || !SCENARIO.equals(d.value("scenario", String::valueOf))) {
            return null;
        }
        return new Written(files(dir), liquidations, d.value("openInterest", Long::parseLong),
                d.value("prices", Long::parseLong), d.value("feedHealth", Long::parseLong),
                d.value("runs", Integer::parseInt), d.value("assets", Integer::parseInt),
                d.value("venues", Integer::parseInt), d.value("first", Instant::parse), d.value("last", Instant::parse));
    }

    /** The values of a description file, each with a clear error when it is missing or unreadable (edited by hand). */
    private record Description(Properties properties, Path file) {
        <T> T value(String key, Function<String, T> parse) throws InputFileException {
            String text = properties.getProperty(key);
            try {
                return parse.apply(Objects.requireNonNull(text).trim());
            } catch (RuntimeException e) {
                throw new InputFileException("cannot read " + key + " in " + file + " ("
                        + (text == null ? "missing" : "'" + text + "'") + "): delete " + file.getParent()
                        + " to have the history generated again", e);
            }
        }
    }

    /** Writes the history into {@code dir}, and a description of it that {@link #kept} reads. */
    static Written write(long liquidations, long seed, Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(DESCRIPTION)); // a history cut short is not taken for a whole one
        Written written = writeFiles(liquidations, seed, dir);
        Properties p = new Properties();
        p.setProperty("scenario", SCENARIO);
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("liquidations", Long.toString(written.liquidations()));
        p.setProperty("openInterest", Long.toString(written.openInterest()));
        p.setProperty("prices", Long.toString(written.prices()));
        p.setProperty("feedHealth", Long.toString(written.feedHealth()));
        p.setProperty("runs", Integer.toString(written.runs()));
        p.setProperty("assets", Integer.toString(written.assets()));
        p.setProperty("venues", Integer.toString(written.venues()));
        p.setProperty("first", written.first().toString());
        p.setProperty("last", written.last().toString());
        try (Writer out = Files.newBufferedWriter(dir.resolve(DESCRIPTION))) {
            p.store(out, "radar bench pipeline: the simulated history in this directory");
        }
        return written;
    }

    private static AvroHistory files(Path dir) {
        return new AvroHistory(dir.resolve("liquidations.avro"), dir.resolve("open-interest.avro"),
                dir.resolve("feed-health.avro"), dir.resolve("prices.avro"));
    }

    private static Written writeFiles(long liquidations, long seed, Path dir) throws IOException {
        Scenario scenario = Scenarios.named(SCENARIO);
        Duration length = Duration.between(scenario.start(), scenario.end());
        AvroHistory files = files(dir);
        long written = 0;
        long openInterestWritten = 0;
        long pricesWritten = 0;
        long feedHealthWritten = 0;
        int runs = 0;
        Instant first = null;
        Instant last = null;
        try (DataFileWriter<LiquidationEvent> events =
                        AvroFileFormat.writer(files.liquidations(), LiquidationEvent.getClassSchema());
                CsvFileWriter<LiquidationEvent> csv =
                        new CsvFileWriter<>(dir.resolve("liquidations.csv"), LiquidationCsv.writer());
                DataFileWriter<OpenInterestUpdate> openInterest =
                        AvroFileFormat.writer(files.openInterest(), OpenInterestUpdate.getClassSchema());
                DataFileWriter<FeedHealth> feedHealth = AvroFileFormat.writer(files.feedHealth(), FeedHealth.getClassSchema());
                DataFileWriter<PriceUpdate> prices = AvroFileFormat.writer(files.prices(), PriceUpdate.getClassSchema())) {
            while (written < liquidations) {
                Simulation sim = Simulator.run(scenario, seed + runs);
                Duration shift = length.multipliedBy(runs);
                runs++;
                for (LiquidationEvent e : sim.liquidations()) {
                    if (written == liquidations) {
                        break;
                    }
                    shifted(e, shift);
                    events.append(e);
                    csv.write(e);
                    written++;
                    first = first == null ? e.getEventTime() : first;
                    last = e.getEventTime();
                }
                // The other inputs end with the liquidations: a shortened last run has them up to its last one.
                Instant end = last;
                openInterestWritten += appendUpTo(openInterest, sim.openInterest(), shift, end, OpenInterestUpdate::getEventTime);
                pricesWritten += appendUpTo(prices, sim.prices(), shift, end, PriceUpdate::getEventTime);
                feedHealthWritten += appendUpTo(feedHealth, sim.feedHealth(), shift, end, FeedHealth::getEventTime);
            }
        }
        return new Written(files, written, openInterestWritten, pricesWritten, feedHealthWritten, runs,
                scenario.assets().size(), scenario.venues().size(), first, last);
    }

    private static <T extends SpecificRecordBase> long appendUpTo(DataFileWriter<T> out, List<T> records, Duration shift,
            Instant end, Function<T, Instant> time) throws IOException {
        long n = 0;
        for (T record : records) {
            if (time.apply(shifted(record, shift)).isAfter(end)) {
                break;
            }
            out.append(record);
            n++;
        }
        return n;
    }

    /** Moves every time of a record (event, receipt, a gap's start and end) by {@code shift}, in place. */
    private static <T extends SpecificRecordBase> T shifted(T record, Duration shift) {
        for (Schema.Field field : record.getSchema().getFields()) {
            if (record.get(field.pos()) instanceof Instant t) {
                record.put(field.pos(), t.plus(shift));
            }
        }
        return record;
    }
}

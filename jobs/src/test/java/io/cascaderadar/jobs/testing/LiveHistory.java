package io.cascaderadar.jobs.testing;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import io.cascaderadar.jobs.live.HistoryPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A recorded history fed to a live job in two parts, with the job stopped between them, and the alerts committed
 * compared with the replay's: for the tests of resuming from a checkpoint and of upgrading from a savepoint.
 */
public final class LiveHistory {
    private final Path dir;
    private final List<LiquidationEvent> events = new ArrayList<>();
    private final Instant after;

    /** The liquidations of {@code history}; {@code after} dates the records that keep the other topics from holding event time back. */
    public LiveHistory(Path history, Path dir, Instant after) throws Exception {
        this.dir = dir;
        this.after = after;
        CsvFileReader.read(history, new LiquidationCsv(InputRules.defaults(), Instant.now()), events::add, rejected -> { });
    }

    /** The liquidations before {@code split}, or from it on, as a file. */
    public Path part(Instant split, boolean before) throws Exception {
        Path file = dir.resolve((before ? "before-" : "from-") + split.toEpochMilli() + ".csv");
        try (CsvFileWriter<LiquidationEvent> writer = new CsvFileWriter<>(file, LiquidationCsv.writer())) {
            events.stream().filter(e -> e.getEventTime().isBefore(split) == before).forEach(writer::write);
        }
        return file;
    }

    public Instant lastEventTime() {
        return events.get(events.size() - 1).getEventTime();
    }

    /**
     * Publishes a file of liquidations, and an open-interest and a feed-health record dated after the history, so that
     * those topics never hold event time back (watermarks are not checkpointed: a resumed job needs them again).
     */
    public void publish(RadarSettings settings, Path liquidations) throws Exception {
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.openInterest(List.of(Files.writeString(dir.resolve("open-interest.csv"),
                    "event_time,venue,instrument,base_asset,open_interest_base,open_interest_usd\n" + after + ",aave-v2,WETH,ETH,1,3000\n")));
            publisher.feedHealth(List.of(Files.writeString(dir.resolve("feed-health.csv"),
                    "event_time,venue,channel,state,gap_start,gap_end,detail\n" + after + ",aave-v2,liquidations,CONNECTED,,,\n")));
            publisher.liquidations(List.of(liquidations));
        }
    }

    /** The alerts committed once there are enough of them, or after two minutes, whatever there are then. */
    public static List<DeleveragingAlert> awaitCommitted(RadarSettings settings, IntPredicate enough) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            List<DeleveragingAlert> committed;
            try (AlertReader reader = new AlertReader(settings)) {
                committed = reader.readCommitted();
            }
            if (enough.test(committed.size()) || System.nanoTime() > deadline) {
                return committed;
            }
            Thread.sleep(500);
        }
    }

    /** What identifies an alert record, for comparing runs: id, sequence, state, severity, pattern and time. */
    public static String identity(DeleveragingAlert a) {
        return a.getAlertId() + "/" + a.getSequence() + " " + a.getState() + " " + a.getSeverity() + " " + a.getPattern()
                + " at " + a.getDetectedAt();
    }

    public static String identity(AlertsFile.Alert a) {
        return a.alertId() + "/" + a.json().get("sequence").asInt() + " " + a.state() + " " + a.severity() + " "
                + a.pattern() + " at " + a.detectedAt();
    }
}

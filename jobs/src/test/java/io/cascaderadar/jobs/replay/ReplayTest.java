package io.cascaderadar.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.config.EventTimeConfig;
import io.cascaderadar.jobs.ingest.Watermarks;
import io.cascaderadar.jobs.testing.Events;
import io.cascaderadar.jobs.testing.Flink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The replay path end to end on small files: outputs, dead letters, errors, and the pace of its files. */
class ReplayTest {
    private static final String HEADER =
            "event_time,venue,venue_type,instrument,base_asset,liquidated_side,price,quantity_base,notional_usd,event_id";

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    @Test
    void writesEveryOutputAndPutsEachBadLineInTheDeadLettersWithItsReason() throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        Instant t = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            lines.add(t.plusSeconds(i * 6L) + ",bybit,CEX,BTCUSDT,BTC," + (i % 3 == 0 ? "SHORT" : "LONG") + ",90000,0.05,,");
        }
        lines.add(t + ",bybit,CEX,BTCUSDT,BTC,LONG,-1,0.05,,");
        lines.add(t + ",bybit,CEX,BTCUSDT,BTC,UPSIDE,1,0.05,,");
        lines.add("not,a,line,with,far,too,many,fields,for,the,header");
        lines.add(lines.get(1));
        Path liquidations = write("liquidations.csv", lines);
        Path oi = write("open-interest.csv", List.of("event_time,venue,instrument,base_asset,open_interest_base,open_interest_usd",
                t.plusSeconds(30) + ",bybit,BTCUSDT,BTC,1000,", t.plusSeconds(90) + ",bybit,BTCUSDT,BTC,,"));

        Path out = dir.resolve("out");
        ReplaySummary summary = Replay.run(new Replay.Options(List.of(liquidations), List.of(oi), List.of(), List.of(), out, 2,
                false, "test", null), DetectorConfig.replay());

        assertThat(summary.liquidations().records()).isEqualTo(601);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.rejected()).containsEntry(RejectReason.NON_POSITIVE, 1L)
                .containsEntry(RejectReason.UNKNOWN_VALUE, 1L).containsEntry(RejectReason.MALFORMED_LINE, 1L)
                .containsEntry(RejectReason.MISSING_VALUE, 1L);
        List<JsonNode> deadLetters = jsonLines(out.resolve(ReplayOutputs.DEAD_LETTERS));
        assertThat(deadLetters).hasSize(4);
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.get("source").asText()).matches("(liquidations|open-interest)\\.csv:\\d+");
            assertThat(d.get("detail").asText()).isNotBlank();
            assertThat(d.get("input").asText()).isNotBlank();
        });
        assertThat(Files.readAllLines(out.resolve(ReplayOutputs.SIGNALS))).isNotEmpty()
                .allMatch(l -> l.matches("^(cascade_intensity|cascade_state|oi_change|open_interest),\\S+ \\S+ \\d{13}$"));
        assertThat(Files.readString(out.resolve(ReplayOutputs.CHART))).contains("<svg", "</html>");
        assertThat(out.resolve(ReplayOutputs.ALERTS)).exists();
        assertThat(summary.signalLines()).isEqualTo(Files.readAllLines(out.resolve(ReplayOutputs.SIGNALS)).size());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a paced file that held the other back would hang the job
    void readsTheLiquidationsAndOpenInterestAtOnePaceAndNeitherWaitsOnAFileThatHasEnded() throws Exception {
        // Liquidations every 20 minutes for 30 days, open interest every 40 minutes for the first 25, each record
        // slowed down after its source: read unpaced, open interest would end while the liquidations were at day 12.
        long t0 = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
        long minute = 60_000;
        List<LiquidationEvent> liquidations = new ArrayList<>();
        for (long t = t0; t < t0 + 30 * 1440 * minute; t += 20 * minute) {
            liquidations.add(Events.liquidation("bybit", "BTC", t, 1_000, true));
        }
        List<OpenInterestUpdate> openInterest = new ArrayList<>();
        for (long t = t0; t < t0 + 25 * 1440 * minute; t += 40 * minute) {
            openInterest.add(OpenInterestUpdate.newBuilder().setVenue("bybit").setInstrument("BTCUSDT").setBaseAsset("BTC")
                    .setOpenInterestBase(1000.0).setOpenInterestUsd(1e8).setEventTime(Instant.ofEpochMilli(t)).build());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // The sources' watermarks, which their pacing compares, every few milliseconds rather than every 200; and
        // each record passed on at once, so that what arrives downstream is where the sources are.
        env.getConfig().setAutoWatermarkInterval(2);
        env.setBufferTimeout(0);
        DetectorInputs inputs = Replay.inputs(avro("liquidations.avro", LiquidationEvent.getClassSchema(), liquidations),
                avro("oi.avro", OpenInterestUpdate.getClassSchema(), openInterest),
                avro("feed-health.avro", FeedHealth.getClassSchema(), List.of()), null, null);
        EventTimeConfig eventTime = EventTimeConfig.replay();
        DataStream<Long> liquidationTimes = inputs.liquidations()
                .create(env, Watermarks.forInput(eventTime, (e, previous) -> e.getEventTime().toEpochMilli()))
                .map(e -> slowly(e.getEventTime().toEpochMilli()));
        DataStream<Long> openInterestTimes = inputs.openInterest()
                .create(env, Watermarks.forInput(eventTime, (u, previous) -> u.getEventTime().toEpochMilli()))
                .map(u -> slowly(u.getEventTime().toEpochMilli()));

        List<Tuple2<Long, Long>> latest = liquidationTimes.connect(openInterestTimes).process(new LatestOfEach())
                .executeAndCollect(1_000_000);

        assertThat(latest).hasSize(liquidations.size() + openInterest.size());
        long openInterestEnd = openInterest.get(openInterest.size() - 1).getEventTime().toEpochMilli();
        // Paced, they are read within a day of each other, and what a source reads before it hears that it is ahead
        // (a few tenths of a second, some days here).
        long widestGap = latest.stream().filter(l -> l.f0 != NONE && l.f1 != NONE && l.f0 <= openInterestEnd)
                .mapToLong(l -> Math.abs(l.f0 - l.f1)).max().orElseThrow();
        assertThat(Duration.ofMillis(widestGap)).isLessThan(Duration.ofDays(7));
    }

    private static final long NONE = Long.MIN_VALUE;

    /** At each record, the event time of the latest liquidation and of the latest open interest ({@link #NONE} yet). */
    private static final class LatestOfEach extends CoProcessFunction<Long, Long, Tuple2<Long, Long>> {
        private long liquidation = NONE;
        private long openInterest = NONE;

        @Override
        public void processElement1(Long time, Context ctx, Collector<Tuple2<Long, Long>> out) {
            liquidation = time;
            out.collect(Tuple2.of(liquidation, openInterest));
        }

        @Override
        public void processElement2(Long time, Context ctx, Collector<Tuple2<Long, Long>> out) {
            openInterest = time;
            out.collect(Tuple2.of(liquidation, openInterest));
        }
    }

    private static long slowly(long time) throws InterruptedException {
        Thread.sleep(2);
        return time;
    }

    private <T extends SpecificRecordBase> Path avro(String name, Schema schema, List<T> records) throws IOException {
        Path file = dir.resolve(name);
        try (DataFileWriter<T> writer = AvroFileFormat.writer(file, schema)) {
            for (T record : records) {
                writer.append(record);
            }
        }
        return file;
    }

    @Test
    void aFileThatCannotBeReadStopsTheReplayWithOneClearError() throws IOException {
        Path wrong = write("wrong.csv", List.of("time,price", "1,2"));
        assertThatThrownBy(() -> Replay.run(new Replay.Options(List.of(dir.resolve("missing.csv")), List.of(), List.of(), List.of(),
                dir.resolve("out"), 1, false, "test", null), DetectorConfig.replay()))
                .isInstanceOf(InputFileException.class).hasMessageContaining("missing.csv: no such file");
        assertThatThrownBy(() -> Replay.run(new Replay.Options(List.of(wrong), List.of(), List.of(), List.of(),
                dir.resolve("out"), 1, false, "test", null), DetectorConfig.replay()))
                .isInstanceOf(InputFileException.class).hasMessageContaining("not a liquidations CSV");
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(json.readTree(line));
        }
        return out;
    }
}

package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.stack.testing.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The line writer against the test stack's real influxd: batching, refused points, errors that must not be retried. */
class InfluxLineWriterTest {

    /** A database of the test's own; the points are of 2020, so they go to the policy that keeps history. */
    private static InfluxHttpClient freshDatabase(int batchLines, boolean gzip) throws Exception {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("url", TestStack.influxUrl(),
                "database", "writer_" + UUID.randomUUID().toString().replace("-", ""),
                "retention.policy", InfluxSchema.HISTORY, "batch.lines", Integer.toString(batchLines), "gzip", Boolean.toString(gzip)));
        InfluxHttpClient client = new InfluxHttpClient(config);
        InfluxSchema.ensure(client);
        return client;
    }

    @Test
    void refusedPointsAreHandedOverWithTheReasonAndTheRestOfTheirBatchIsWritten() throws Exception {
        InfluxHttpClient client = freshDatabase(1000, true); // gzipped batches, halved on refusal
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(LinePoint.measurement("m").tag("k", "a" + (i % 7)).field("x", i * 0.5).field("n", (long) i)
                    .time(java.time.Instant.ofEpochMilli(1_600_000_000_000L + i * 1000L)).toLine());
        }
        String unparseable = "m,k=a x=notanumber 1600000999000";
        String typeConflict = "m,k=a x=\"text\" 1600000998000";
        lines.add(120, unparseable);
        lines.add(250, typeConflict);
        List<String> refused = new ArrayList<>();
        List<String> reasons = new ArrayList<>();

        try (InfluxLineWriter writer = new InfluxLineWriter(client, (line, reason) -> {
            refused.add(line);
            reasons.add(reason);
        })) {
            for (String line : lines) {
                writer.add(line);
            }
            writer.flush();
            assertThat(writer.written()).isEqualTo(300);
            assertThat(writer.rejected()).isEqualTo(2);
        }

        assertThat(refused).containsExactly(unparseable, typeConflict);
        assertThat(reasons.get(0)).contains("400").contains("unable to parse");
        assertThat(reasons.get(1)).contains("400").contains("field type conflict");
        assertThat(client.aggregate("SELECT count(x) FROM history.m")).isEqualTo(300);
        assertThat(client.aggregate("SELECT sum(n) FROM history.m")).isEqualTo(299 * 300 / 2);
    }

    @Test
    void batchesAreSentWhenFullAndWhenDueAndEveryLineIsWrittenOnFlush() throws Exception {
        InfluxHttpClient client = freshDatabase(100, false);
        try (InfluxLineWriter writer = new InfluxLineWriter(client, (line, reason) -> { throw new AssertionError(reason); })) {
            for (int i = 0; i < 250; i++) {
                writer.add("m v=" + i + "i " + (1_600_000_000_000L + i));
            }
            for (long deadline = System.nanoTime() + 10_000_000_000L; writer.written() < 200 && System.nanoTime() < deadline; ) {
                writer.sendIfDue();
                Thread.sleep(10);
            }
            assertThat(writer.written()).as("two full batches went without a flush").isEqualTo(200);
            Thread.sleep(client.config().flushInterval().toMillis());
            writer.sendIfDue();
            writer.flush();
            assertThat(writer.written()).isEqualTo(250);
        }
        assertThat(client.aggregate("SELECT count(v) FROM history.m")).isEqualTo(250);
        // Idempotent points: writing the same again changes no query result.
        try (InfluxLineWriter writer = new InfluxLineWriter(client, (line, reason) -> { throw new AssertionError(reason); })) {
            for (int i = 0; i < 250; i++) {
                writer.add("m v=" + i + "i " + (1_600_000_000_000L + i));
            }
            writer.flush();
        }
        assertThat(client.aggregate("SELECT count(v) FROM history.m")).isEqualTo(250);
    }

    @Test
    void aMissingDatabaseOrAServerThatNeverAnswersFailsClearly() throws Exception {
        InfluxHttpClient missing = new InfluxHttpClient(InfluxConfig.of(TestStack.influxUrl(), "no_such_database"));
        try (InfluxLineWriter writer = new InfluxLineWriter(missing, (line, reason) -> { })) {
            writer.add("m v=1 1600000000000");
            assertThatThrownBy(writer::flush).isInstanceOf(InfluxException.class)
                    .hasMessageContaining("404").hasMessageContaining("database not found");
        }
        InfluxHttpClient nobody = new InfluxHttpClient(InfluxConfig.fromMap(Map.of("url", "http://127.0.0.1:9",
                "retry.max.time", "1s")));
        try (InfluxLineWriter writer = new InfluxLineWriter(nobody, (line, reason) -> { })) {
            writer.add("m v=1 1600000000000");
            assertThatThrownBy(writer::flush).isInstanceOf(InfluxException.class)
                    .hasMessageContaining("did not answer").hasMessageContaining("after PT1S of trying again");
            assertThat(writer.retries()).isPositive();
        }
    }
}

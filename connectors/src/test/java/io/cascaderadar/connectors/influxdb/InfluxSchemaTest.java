package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.stack.testing.TestStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The database, policies and continuous queries the sink sets up, on the test stack's real influxd. */
class InfluxSchemaTest {

    @Test
    void setupCreatesPoliciesAndContinuousQueriesOnceAndDownsamplingAggregatesByMinute() throws Exception {
        String database = "schema_" + UUID.randomUUID().toString().replace("-", "");
        InfluxHttpClient client = new InfluxHttpClient(InfluxConfig.of(TestStack.influxUrl(), database));
        InfluxSchema.ensure(client);
        InfluxSchema.ensure(client);

        Map<String, List<Object>> policies = new HashMap<>();
        for (List<Object> row : client.select("SHOW RETENTION POLICIES").get(0).values()) {
            policies.put(row.get(0).toString(), row);
        }
        assertThat(policies).containsKeys(InfluxSchema.RAW, InfluxSchema.LONG, InfluxSchema.HISTORY);
        assertThat(policies.get(InfluxSchema.RAW)).containsSubsequence("720h0m0s").endsWith(true);
        assertThat(policies.get(InfluxSchema.HISTORY)).contains("0s");
        List<Object> queries = new ArrayList<>();
        client.select("SHOW CONTINUOUS QUERIES").stream().filter(s -> s.name().equals(database))
                .forEach(s -> queries.addAll(s.column("name")));
        assertThat(queries).containsExactlyInAnyOrderElementsOf(
                InfluxSchema.DOWNSAMPLINGS.stream().map(InfluxSchema.Downsampling::name).toList());

        // Two series, a point every 10 s for 5 minutes, into history; downsampled to one point per minute.
        InfluxHttpClient history = new InfluxHttpClient(InfluxConfig.fromMap(Map.of("url", TestStack.influxUrl(),
                "database", database, "retention.policy", InfluxSchema.HISTORY)));
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2021-05-19T12:00:00Z");
        for (int i = 0; i < 30; i++) {
            for (String asset : List.of("BTC", "ETH")) {
                lines.add(LinePoint.measurement(SignalPoints.CASCADE_INTENSITY).tag("scope", "ASSET").tag("asset", asset)
                        .tag("window", "1m").field("usd", (asset.equals("BTC") ? 1000.0 : 10.0) * ((i * 7) % 11))
                        .field("count", (long) i).time(start.plusSeconds(10L * i)).toLine());
            }
        }
        history.write(lines);
        InfluxSchema.downsample(history, InfluxSchema.HISTORY, InfluxSchema.HISTORY, start, start.plusSeconds(290));

        List<InfluxHttpClient.Series> downsampled = history.select("SELECT usd, \"count\" FROM history.cascade_intensity_1m "
                + "WHERE asset = 'BTC' AND \"window\" = '1m'");
        List<InfluxHttpClient.Series> expected = history.select("SELECT max(usd), max(\"count\") FROM history.cascade_intensity "
                + "WHERE asset = 'BTC' AND \"window\" = '1m' AND time >= '2021-05-19T12:00:00Z' AND time < '2021-05-19T12:05:00Z' GROUP BY time(1m)");
        assertThat(downsampled.get(0).values()).hasSize(5).isEqualTo(expected.get(0).values());
    }
}

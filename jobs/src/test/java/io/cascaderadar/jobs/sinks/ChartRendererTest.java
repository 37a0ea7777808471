package io.cascaderadar.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.connectors.influxdb.LinePoint;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.testing.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void readsBackTheLineProtocolItWrites() {
        String line = LinePoint.measurement("m,x").tag("asset", "A B=C").field("usd", 1.5e9).field("n", 3L)
                .field("s", "a, b=\"c\"").time(Instant.ofEpochMilli(T0)).toLine();
        LineProtocolReader.Point p = LineProtocolReader.parse(line);
        assertThat(p.measurement()).isEqualTo("m,x");
        assertThat(p.tags()).containsEntry("asset", "A B=C");
        assertThat(p.number("usd")).isEqualTo(1.5e9);
        assertThat(p.number("n")).isEqualTo(3);
        assertThat(p.time()).isEqualTo(T0);
    }

    @Test
    void drawsTheMarketAndListsTheAlerts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int m = 1; m <= 90; m++) {
            lines.addAll(SignalPoints.lines(Signals.signal(Scope.MARKET, "ALL", T0 + m * 60_000L,
                    m > 60 ? IntensityLevel.SEVERE : IntensityLevel.CALM, m > 60 ? 1e8 : 1e5)));
            lines.addAll(SignalPoints.lines(Signals.signal(Scope.ASSET, "BTC", T0 + m * 60_000L, IntensityLevel.CALM, 1e4)));
        }
        Path signals = Files.write(dir.resolve("signals.lp"), lines);
        Path alerts = Files.writeString(dir.resolve("alerts.jsonl"), String.format(
                "{\"alertId\":\"a\",\"state\":\"OPEN\",\"severity\":\"CRITICAL\",\"pattern\":\"MARKET_WIDE\",\"scope\":\"MARKET\","
                        + "\"scopeKey\":\"ALL\",\"detectedAt\":%d,\"summary\":\"<b>big</b>\"}%n", T0 + 61 * 60_000L));
        Path html = dir.resolve("chart.html");
        ChartRenderer.render(signals, alerts, html, "test & chart");

        assertThat(ChartRenderer.readMinutes(signals).market()).hasSize(90);
        String page = Files.readString(html);
        assertThat(page).as("no prices, no price panel").doesNotContain("price of");
        assertThat(page).contains("<svg", "test &amp; chart", "CRITICAL", "MARKET_WIDE", "&lt;b&gt;big&lt;/b&gt;")
                .doesNotContain("<b>big</b>");
        assertThat(page.split("<rect ", -1).length - 1).as("bars").isGreaterThan(90);
    }

    @Test
    void chartsThePriceOfTheMostLiquidatedAssetWithPricesWithinTheMarketsSpan() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int m = 1; m <= 30; m++) {
            lines.addAll(SignalPoints.lines(Signals.signal(Scope.MARKET, "ALL", T0 + m * 60_000L, IntensityLevel.CALM, 1e5)));
            lines.addAll(SignalPoints.lines(Signals.signal(Scope.ASSET, "BTC", T0 + m * 60_000L, IntensityLevel.CALM, 1e4)));
            lines.addAll(SignalPoints.lines(Signals.signal(Scope.ASSET, "ETH", T0 + m * 60_000L, IntensityLevel.CALM, 1e5)));
            lines.add(price("BTC", T0 + m * 60_000L, 60_000));
            lines.add(price("ETH", T0 + m * 60_000L, 3_000 - m));
        }
        lines.add(price("ETH", T0 + 600 * 60_000L, 1));
        Path signals = Files.write(dir.resolve("signals.lp"), lines);
        Path alerts = Files.writeString(dir.resolve("alerts.jsonl"), "");
        Path html = dir.resolve("chart.html");
        ChartRenderer.render(signals, alerts, html, "prices");

        ChartRenderer.Minutes minutes = ChartRenderer.readMinutes(signals);
        assertThat(minutes.pricedAsset()).as("ETH, liquidated ten times as much as BTC").isEqualTo("ETH");
        assertThat(minutes.market()).as("the price after the market's last minute does not stretch the chart").hasSize(30);
        assertThat(minutes.market().lastEntry().getValue().price()).isEqualTo(2_970);
        assertThat(Files.readString(html)).contains("price of ETH");
    }

    private static String price(String asset, long time, double price) {
        return SignalPoints.line(io.cascaderadar.avro.PriceMove.newBuilder().setScope(Scope.ASSET).setScopeKey(asset)
                .setEventTime(Instant.ofEpochMilli(time)).setPrice(price).setInstruments(1)
                .setChanges(List.of()).setHighPrice(price).setDrawdownPct(0).build());
    }
}

package io.cascaderadar.jobs.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.alerts.AlertText;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A self-contained HTML page (inline SVG, no script) from a run's outputs: the market's liquidations per
 * minute (longs and shorts) against its baseline, the 15-minute excess, the market's open interest and the price
 * of the most liquidated asset that has prices (when the run had any), with every alert marked, and the alerts
 * listed below.
 */
public final class ChartRenderer {
    private static final int WIDTH = 1200;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int PANEL = 190;
    private static final int GAP = 36;
    private static final int MAX_BARS = 600;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long[] TICKS = {60_000L, 300_000L, 900_000L, 1_800_000L, 3_600_000L, 7_200_000L,
            10_800_000L, 21_600_000L, 43_200_000L, 86_400_000L, 7 * 86_400_000L, 30 * 86_400_000L};

    private ChartRenderer() {}

    /** One minute of the market. */
    record Minute(double longUsd, double shortUsd, double expectedUsd, double excess15, double openInterestUsd,
            double price) {}

    record Marker(long time, String state, String severity, String pattern, String scope, String summary) {}

    /** The market's minutes, and the prices of the asset charted beside them. */
    record Minutes(TreeMap<Long, Minute> market, String pricedAsset) {}

    public static void render(Path signals, Path alerts, Path html, String title) throws IOException {
        Minutes minutes = readMinutes(signals);
        List<Marker> markers = readAlerts(alerts);
        Files.writeString(html, page(title, minutes, markers), StandardCharsets.UTF_8);
    }

    static Minutes readMinutes(Path signals) throws IOException {
        TreeMap<Long, double[]> acc = new TreeMap<>();
        java.util.Map<String, TreeMap<Long, Double>> prices = new java.util.HashMap<>();
        java.util.Map<String, Double> liquidatedByAsset = new java.util.HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(signals, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(SignalPoints.PRICE + ",")) {
                    LineProtocolReader.Point p = LineProtocolReader.parse(line);
                    prices.computeIfAbsent(p.tags().get("asset"), a -> new TreeMap<>()).put(p.time(), p.number("price"));
                    continue;
                }
                if (line.startsWith(SignalPoints.CASCADE_INTENSITY + ",") && line.contains("scope=ASSET")
                        && line.contains("window=1m")) {
                    LineProtocolReader.Point p = LineProtocolReader.parse(line);
                    if (p.time() % 60_000 == 0) {
                        liquidatedByAsset.merge(p.tags().get("asset"), p.number("usd"), Double::sum);
                    }
                    continue;
                }
                if (!line.contains("market=ALL") || line.isBlank()) {
                    continue;
                }
                LineProtocolReader.Point p = LineProtocolReader.parse(line);
                if (p.time() % 60_000 != 0) {
                    continue;
                }
                double[] m = acc.computeIfAbsent(p.time(), t -> new double[] {0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
                if (p.measurement().equals(SignalPoints.CASCADE_INTENSITY)) {
                    String window = p.tags().get("window");
                    if (window.equals("1m")) {
                        m[0] = p.number("long_usd");
                        m[1] = p.number("short_usd");
                        m[2] = p.number("expected_usd");
                    } else if (window.equals("15m")) {
                        m[3] = p.number("excess");
                    }
                } else if (p.measurement().equals(SignalPoints.OPEN_INTEREST)) {
                    m[4] = p.number("open_interest_usd");
                }
            }
        }
        String pricedAsset = prices.keySet().stream()
                .max(java.util.Comparator.<String>comparingDouble(a -> liquidatedByAsset.getOrDefault(a, 0.0))
                        .thenComparing(java.util.Comparator.reverseOrder()))
                .orElse(null);
        if (pricedAsset != null && !acc.isEmpty()) {
            // Only the priced minutes within the market's span: prices alone do not stretch the chart.
            prices.get(pricedAsset).subMap(acc.firstKey(), true, acc.lastKey(), true).forEach((t, price) ->
                    acc.computeIfAbsent(t, x -> new double[] {0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN})[5] = price);
        }
        TreeMap<Long, Minute> out = new TreeMap<>();
        acc.forEach((t, m) -> out.put(t, new Minute(m[0], m[1], m[2], m[3], m[4], m[5])));
        return new Minutes(out, pricedAsset);
    }

    static List<Marker> readAlerts(Path alerts) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Marker> markers = new ArrayList<>();
        for (String line : Files.readAllLines(alerts, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode a = json.readTree(line);
            markers.add(new Marker(a.get("detectedAt").asLong(), a.get("state").asText(), a.get("severity").asText(),
                    a.get("pattern").asText(), a.get("scope").asText() + " " + a.get("scopeKey").asText(),
                    a.get("summary").asText()));
        }
        return markers;
    }

    private static String page(String title, Minutes minutes, List<Marker> markers) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}")
                .append(".WATCH{color:#b08900}.WARNING{color:#d9480f}.CRITICAL{color:#c92a2a;font-weight:bold}")
                .append("svg text{font-size:11px;fill:#444}</style></head><body><h2>").append(esc(title)).append("</h2>");
        if (minutes.market().isEmpty()) {
            h.append("<p>No market signals in this run.</p>");
        } else {
            h.append(svg(minutes.market(), minutes.pricedAsset(), markers));
        }
        h.append("<h3>Alerts</h3>");
        if (markers.isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>detected (UTC)</th><th>state</th><th>severity</th><th>pattern</th><th>scope</th><th>summary</th></tr>");
            for (Marker m : markers) {
                h.append("<tr><td>").append(TIME.format(Instant.ofEpochMilli(m.time()))).append("</td><td>").append(m.state())
                        .append("</td><td class=\"").append(m.severity()).append("\">").append(m.severity())
                        .append("</td><td>").append(m.pattern()).append("</td><td>").append(esc(m.scope()))
                        .append("</td><td>").append(esc(m.summary())).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String svg(TreeMap<Long, Minute> minutes, String pricedAsset, List<Marker> markers) {
        long t0 = minutes.firstKey() - 60_000;
        long t1 = minutes.lastKey();
        long bucket = Math.max(60_000, ceilTo((t1 - t0) / MAX_BARS, 60_000));
        int n = (int) Math.max(1, (t1 - t0 + bucket - 1) / bucket);
        double[] longs = new double[n];
        double[] shorts = new double[n];
        double[] expected = new double[n];
        double[] excess = new double[n];
        double[] oi = new double[n];
        double[] price = new double[n];
        java.util.Arrays.fill(expected, Double.NaN);
        java.util.Arrays.fill(excess, Double.NaN);
        java.util.Arrays.fill(oi, Double.NaN);
        java.util.Arrays.fill(price, Double.NaN);
        double perMinute = bucket / 60_000.0;
        minutes.forEach((t, m) -> {
            int i = (int) Math.min(n - 1, (t - 1 - t0) / bucket);
            longs[i] += m.longUsd() / perMinute;
            shorts[i] += m.shortUsd() / perMinute;
            expected[i] = m.expectedUsd();
            excess[i] = Double.isNaN(excess[i]) ? m.excess15() : Math.max(excess[i], m.excess15());
            if (!Double.isNaN(m.openInterestUsd())) {
                oi[i] = m.openInterestUsd();
            }
            if (!Double.isNaN(m.price())) {
                price[i] = m.price();
            }
        });
        boolean hasOi = java.util.Arrays.stream(oi).anyMatch(v -> !Double.isNaN(v));
        boolean hasPrice = java.util.Arrays.stream(price).anyMatch(v -> !Double.isNaN(v));
        int panels = 2 + (hasOi ? 1 : 0) + (hasPrice ? 1 : 0);
        int height = 30 + panels * (PANEL + GAP) + 10;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double barWidth = plotWidth / n;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">");

        // Panel 1: USD per minute, log scale.
        int top = 30;
        double maxUsd = 1e3;
        for (int i = 0; i < n; i++) {
            maxUsd = Math.max(maxUsd, Math.max(longs[i] + shorts[i], Double.isNaN(expected[i]) ? 0 : expected[i]));
        }
        double logMin = 2;
        double logMax = Math.ceil(Math.log10(maxUsd));
        panelFrame(s, top, "liquidated USD per minute (market): longs red, shorts green, baseline blue");
        for (double d = logMin; d <= logMax; d++) {
            double y = top + PANEL - PANEL * (d - logMin) / (logMax - logMin);
            gridLine(s, y, AlertText.usd(Math.pow(10, d)));
        }
        for (int i = 0; i < n; i++) {
            double x = LEFT + i * barWidth;
            double total = longs[i] + shorts[i];
            if (total <= 0) {
                continue;
            }
            double yTotal = logY(total, top, logMin, logMax);
            double yBottom = top + PANEL;
            double yLong = yBottom - (yBottom - yTotal) * longs[i] / total;
            rect(s, x, yLong, barWidth, yBottom - yLong, "#e03131");
            rect(s, x, yTotal, barWidth, yLong - yTotal, "#2f9e44");
        }
        polyline(s, expected, top, barWidth, v -> logY(v, top, logMin, logMax), "#1c7ed6");

        // Panel 2: 15-minute excess over baseline, log scale, with the SEVERE threshold.
        int top2 = top + PANEL + GAP;
        double maxExcess = 10;
        for (double v : excess) {
            if (!Double.isNaN(v)) {
                maxExcess = Math.max(maxExcess, v);
            }
        }
        double eMin = -1;
        double eMax = Math.ceil(Math.log10(maxExcess));
        panelFrame(s, top2, "15-minute liquidations / baseline (SEVERE from 10x)");
        for (double d = eMin; d <= eMax; d++) {
            gridLine(s, top2 + PANEL - PANEL * (d - eMin) / (eMax - eMin), fmt(Math.pow(10, d)) + "x");
        }
        double yTen = top2 + PANEL - PANEL * (1 - eMin) / (eMax - eMin);
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(yTen))
                .append("\" y2=\"").append(fmt(yTen)).append("\" stroke=\"#c92a2a\" stroke-dasharray=\"4 3\"/>");
        polyline(s, excess, top2, barWidth, v -> top2 + PANEL - PANEL * (Math.log10(Math.max(v, 0.1)) - eMin) / (eMax - eMin), "#7048e8");

        int bottom = top2 + PANEL;
        if (hasOi) {
            bottom = linePanel(s, oi, bottom + GAP, barWidth, "open interest, market (USD, one-sided)", AlertText::usd, "#495057");
        }
        if (hasPrice) {
            bottom = linePanel(s, price, bottom + GAP, barWidth, "price of " + pricedAsset + " (median over its venues)",
                    ChartRenderer::fmt, "#0b7285");
        }

        // Time axis at round times, and the alert markers (not the UPDATED records) across all panels.
        long tick = TICKS[TICKS.length - 1];
        for (long candidate : TICKS) {
            if ((t1 - t0) / candidate <= 10) {
                tick = candidate;
                break;
            }
        }
        String previousDay = "";
        for (long t = (t0 / tick + 1) * tick; t <= t1; t += tick) {
            double x = LEFT + plotWidth * (t - t0) / (double) (t1 - t0);
            String day = DAY.format(Instant.ofEpochMilli(t));
            String label = tick >= 86_400_000L ? day
                    : (day.equals(previousDay) ? "" : day + " ") + HOUR.format(Instant.ofEpochMilli(t));
            previousDay = day;
            s.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(bottom)
                    .append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#888\"/>");
            s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\">").append(label).append("</text>");
        }
        for (Marker m : markers) {
            if (m.state().equals("UPDATED")) {
                continue;
            }
            double x = LEFT + plotWidth * (m.time() - t0) / (double) (t1 - t0);
            String color = switch (m.severity()) {
                case "CRITICAL" -> "#c92a2a";
                case "WARNING" -> "#f76707";
                default -> "#f2c94c";
            };
            boolean resolved = m.state().equals("RESOLVED");
            s.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"").append(resolved ? "#868e96" : color)
                    .append("\" stroke-width=\"1.5\"").append(resolved ? " stroke-dasharray=\"3 3\"" : "").append("><title>")
                    .append(esc(TIME.format(Instant.ofEpochMilli(m.time())) + " " + m.state() + " " + m.severity() + " "
                            + m.pattern() + " " + m.scope()))
                    .append("</title></line>");
        }
        return s.append("</svg>").toString();
    }

    /** A panel of one series on a linear scale padded around its range; returns the panel's bottom. */
    private static int linePanel(StringBuilder s, double[] values, int top, double barWidth, String label,
            java.util.function.DoubleFunction<String> format, String color) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double pad = Math.max((hi - lo) * 0.1, hi * 0.005);
        double min = lo - pad;
        double max = hi + pad;
        panelFrame(s, top, label);
        for (int k = 0; k <= 4; k++) {
            gridLine(s, top + PANEL - PANEL * k / 4.0, format.apply(min + (max - min) * k / 4));
        }
        polyline(s, values, top, barWidth, v -> top + PANEL - PANEL * (v - min) / (max - min), color);
        return top + PANEL;
    }

    private static double logY(double v, int top, double logMin, double logMax) {
        return top + PANEL - PANEL * (Math.log10(Math.max(v, Math.pow(10, logMin))) - logMin) / (logMax - logMin);
    }

    private static void panelFrame(StringBuilder s, int top, String label) {
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
                .append("\" height=\"").append(PANEL).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(top - 6).append("\">").append(esc(label)).append("</text>");
    }

    private static void gridLine(StringBuilder s, double y, String label) {
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y))
                .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#e9ecef\"/>");
        s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\">")
                .append(esc(label)).append("</text>");
    }

    private static void rect(StringBuilder s, double x, double y, double w, double h, String color) {
        if (h <= 0) {
            return;
        }
        s.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(Math.max(w, 0.6)))
                .append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(color).append("\"/>");
    }

    private static void polyline(StringBuilder s, double[] values, int top, double barWidth,
            java.util.function.DoubleUnaryOperator y, String color) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            points.append(fmt(LEFT + (i + 0.5) * barWidth)).append(',').append(fmt(y.applyAsDouble(values[i]))).append(' ');
        }
        if (points.length() > 0) {
            s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
        }
    }

    private static long ceilTo(long v, long unit) {
        return (v + unit - 1) / unit * unit;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

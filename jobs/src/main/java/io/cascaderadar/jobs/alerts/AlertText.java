package io.cascaderadar.jobs.alerts;

import io.cascaderadar.avro.AlertEvidence;
import io.cascaderadar.avro.AlertState;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Words for alerts: the summary sentence of each record, and the one-line form printed as alerts fire. */
public final class AlertText {

    private AlertText() {}

    public static String summary(DeleveragingAlert a) {
        AlertEvidence e = a.getEvidence();
        String who = a.getScope().name() + " " + a.getScopeKey();
        if (a.getState() == AlertState.RESOLVED) {
            long minutes = Duration.between(a.getEpisodeStart(), a.getDetectedAt()).toMinutes();
            return String.format(Locale.ROOT, "%s resolved: calm again after %d min; peak %s per minute; %s",
                    who, minutes, usd(e.getPeakUsdPerMinute()), list("assets", e.getAssets()));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s %s: %s liquidated in 15 min (%.1fx baseline), %s in the last minute, %.0f%% longs",
                who, a.getDirection() == Direction.LONG_FLUSH ? "long flush" : "short squeeze",
                usd(e.getUsd15m()), e.getExcess15m(), usd(e.getUsd1m()), 100 * e.getLongShare()));
        if (e.getBreadthAssets() > 0) {
            s.append(String.format(Locale.ROOT, "; %s and %s elevated", count(e.getBreadthAssets(), "asset"),
                    count(e.getBreadthVenues(), "venue")));
        }
        if (e.getBranchingRatio() != null) {
            s.append(String.format(Locale.ROOT, "; branching %.2f", e.getBranchingRatio()));
        }
        if (e.getOiChangePct15m() != null) {
            s.append(String.format(Locale.ROOT, "; open interest %+.1f%% in 15 min", e.getOiChangePct15m()));
            if (e.getForcedShare() != null) {
                s.append(String.format(Locale.ROOT, " (%.0f%% forced)", 100 * e.getForcedShare()));
            }
        }
        if (e.getDefiUsd15m() != null) {
            s.append("; DeFi ").append(usd(e.getDefiUsd15m())).append(" in 15 min");
        }
        if (!a.getCoverage().getGapVenues().isEmpty()) {
            s.append("; feed gaps at ").append(String.join(", ", a.getCoverage().getGapVenues()));
        }
        if (a.getCoverage().getSampledShare() > 0.05) {
            s.append(String.format(Locale.ROOT, "; %.0f%% from throttled feeds (lower bounds)", 100 * a.getCoverage().getSampledShare()));
        }
        return s.toString();
    }

    /** The line printed on the terminal when an alert fires. */
    public static String line(DeleveragingAlert a) {
        return String.format(Locale.ROOT, "%s  %-9s %-8s %-18s %s", Instant.ofEpochMilli(a.getDetectedAt().toEpochMilli()),
                a.getState(), a.getSeverity(), a.getPattern(), a.getSummary());
    }

    /** $1.23B, $456M, $12.3k, $950. */
    public static String usd(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "$%.2fB", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "$%.1fM", v / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "$%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "$%.0f", v);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String list(String what, List<String> items) {
        if (items.isEmpty()) {
            return "no " + what + " elevated";
        }
        List<String> shown = items.size() > 8 ? items.subList(0, 8) : items;
        return what + " " + String.join(", ", shown) + (items.size() > 8 ? " and " + (items.size() - 8) + " more" : "");
    }
}

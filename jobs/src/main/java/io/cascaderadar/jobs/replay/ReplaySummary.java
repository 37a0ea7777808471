package io.cascaderadar.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a replay read, rejected and produced. */
public record ReplaySummary(Path out, SortedInput liquidations, SortedInput openInterest, SortedInput feedHealth,
        SortedInput prices, Map<RejectReason, Long> rejected, long duplicates, long signalLines, long alertRecords, int alerts,
        Map<Severity, Integer> alertsBySeverity, double seconds) {

    static ReplaySummary of(Path out, SortedInput liquidations, SortedInput openInterest, SortedInput feedHealth,
            SortedInput prices, Map<RejectReason, Long> rejected, long duplicates, long signalLines, double seconds) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> alertLines = Files.readAllLines(out.resolve(ReplayOutputs.ALERTS), StandardCharsets.UTF_8);
        Map<String, Severity> highest = new java.util.HashMap<>();
        for (String line : alertLines) {
            JsonNode a = json.readTree(line);
            Severity s = Severity.valueOf(a.get("severity").asText());
            highest.merge(a.get("alertId").asText(), s, (x, y) -> x.compareTo(y) >= 0 ? x : y);
        }
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        highest.values().forEach(s -> bySeverity.merge(s, 1, Integer::sum));
        return new ReplaySummary(out, liquidations, openInterest, feedHealth, prices, rejected, duplicates, signalLines,
                alertLines.size(), highest.size(), bySeverity, seconds);
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "replay finished in %.1f s (%,.0f events/s)%n", seconds,
                liquidations.records() / Math.max(seconds, 1e-3));
        input(out, "liquidations", liquidations);
        input(out, "open interest", openInterest);
        input(out, "feed health", feedHealth);
        input(out, "prices", prices);
        if (totalRejected() > 0) {
            out.printf(Locale.ROOT, "  rejected       %,d -> %s: %s%n", totalRejected(), ReplayOutputs.DEAD_LETTERS,
                    rejected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        } else {
            out.printf("  rejected       none%n");
        }
        out.printf(Locale.ROOT, "  duplicates     %,d dropped%n", duplicates);
        out.printf(Locale.ROOT, "  signals        %,d points -> %s%n", signalLines, ReplayOutputs.SIGNALS);
        out.printf(Locale.ROOT, "  alerts         %d (%s) in %d records -> %s%n", alerts,
                alertsBySeverity.isEmpty() ? "none"
                        : alertsBySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                                .collect(Collectors.joining(", ")),
                alertRecords, ReplayOutputs.ALERTS);
        out.printf("  chart          %s%n", this.out.resolve(ReplayOutputs.CHART));
    }

    private static void input(PrintStream out, String name, SortedInput in) {
        if (in.rows() == 0) {
            return;
        }
        out.printf(Locale.ROOT, "  %-14s %,d rows, %,d read, from %s to %s%n", name, in.rows(), in.records(),
                in.first(), in.last());
    }
}

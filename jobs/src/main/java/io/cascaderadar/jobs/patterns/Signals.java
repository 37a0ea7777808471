package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.WindowStats;

/** Reading a {@link CascadeSignal} in pattern conditions. */
public final class Signals {

    private Signals() {}

    public static boolean atLeast(CascadeSignal s, IntensityLevel level) {
        return s.getLevel().compareTo(level) >= 0;
    }

    public static WindowStats window(CascadeSignal s, int seconds) {
        for (WindowStats w : s.getWindows()) {
            if (w.getWindowSeconds() == seconds) {
                return w;
            }
        }
        throw new IllegalArgumentException("no " + seconds + " s window in " + s.getScope() + ":" + s.getScopeKey());
    }

    public static <T> T last(java.util.List<T> events) {
        return events.get(events.size() - 1);
    }
}

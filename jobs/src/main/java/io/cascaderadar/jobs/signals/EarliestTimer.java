package io.cascaderadar.jobs.signals;

import java.io.IOException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * One event-time timer per key for inputs that wait, by minute or step, for the watermark to pass them: the
 * earliest's, and when it fires the function hands on to the next. A timer per waiting minute made the timer queue as
 * long as the minutes an input runs ahead of its watermark, for every key (a replay reads open interest up to a day
 * ahead of the liquidations), and polling that queue was a quarter of open-interest stress's and of price moves'
 * tasks in a replay's profile.
 */
final class EarliestTimer {
    /** Waiting keys after the one that fired that are looked up one by one before searching them all. */
    private static final int LOOKAHEAD = 8;

    /** The earliest timer registered through this and not fired yet; none when nothing waits. */
    private final ValueState<Long> registered;

    private EarliestTimer(ValueState<Long> registered) {
        this.registered = registered;
    }

    static EarliestTimer of(RuntimeContext context, String name) {
        return new EarliestTimer(context.getState(new ValueStateDescriptor<>(name, Types.LONG)));
    }

    /** Something waits for {@code time}: a timer for it, unless an earlier one is registered already. */
    void await(long time, TimerService timers) throws IOException {
        Long earliest = registered.value();
        if (earliest == null || time < earliest) {
            timers.registerEventTimeTimer(time);
            registered.update(time);
        }
    }

    /** The timer at {@code time} fired: the function now awaits what comes next, if anything. */
    void fired(long time) throws IOException {
        Long earliest = registered.value();
        if (earliest != null && earliest <= time) {
            registered.clear();
        }
    }

    /**
     * The first key of {@code waiting} after {@code key}, or {@link Long#MAX_VALUE}: looked up a few {@code stride}s
     * ahead (a busy key's next is most often the next minute or step), else found among them all (a sparse key has
     * few).
     */
    static long firstAfter(MapState<Long, ?> waiting, long key, long stride) throws Exception {
        for (long k = key + stride; k <= key + LOOKAHEAD * stride; k += stride) {
            if (waiting.contains(k)) {
                return k;
            }
        }
        long first = Long.MAX_VALUE;
        for (Long k : waiting.keys()) {
            if (k > key) {
                first = Math.min(first, k);
            }
        }
        return first;
    }
}

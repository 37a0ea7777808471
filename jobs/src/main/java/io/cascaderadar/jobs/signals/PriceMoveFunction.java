package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.PriceChange;
import io.cascaderadar.avro.PriceMove;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.avro.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The price of one asset (keyed by base asset) at the end of every minute of event time in which one of its
 * instruments reported: the median of the latest price of each instrument updated within {@code staleAfter}
 * (spot, perpetual, mark and last alike, quotes in USD, USDT or USDC taken as USD), its change over the same
 * windows as open interest so that the two line up, and the drawdown from the high of the longest window.
 *
 * <p>Prices wait in per-minute buffers until the watermark passes their minute, so the result does not depend on
 * how far prices run ahead of the watermark; only the earliest of those minutes has a timer ({@link EarliestTimer}).
 * A price behind the watermark (allowed lateness) counts from the next minute not yet evaluated. When an asset has
 * had no price for the longest window, its state and timers go (at the next of its clean-up timers, within two such
 * windows).
 */
public class PriceMoveFunction extends KeyedProcessFunction<String, PriceUpdate, PriceMove> {

    private static final long MINUTE = 60_000L;

    private final int[] windowMinutes;
    private final long staleAfterMillis;

    private transient MapState<Long, PriceBook> pending;
    private transient ValueState<PriceBook> latest;
    private transient ValueState<MinutePrices> history;
    private transient EarliestTimer minuteTimer;

    /** @param windows change windows in whole minutes, the longest last */
    public PriceMoveFunction(List<Duration> windows, Duration staleAfter) {
        this.windowMinutes = windows.stream().mapToInt(w -> (int) w.toMinutes()).toArray();
        this.staleAfterMillis = staleAfter.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                TypeInformation.of(PriceBook.class)));
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", PriceBook.class));
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", MinutePrices.class));
        minuteTimer = EarliestTimer.of(getRuntimeContext(), "minute-timer");
    }

    @Override
    public void processElement(PriceUpdate p, Context ctx, Collector<PriceMove> out) throws Exception {
        long time = p.getEventTime().toEpochMilli();
        long minuteEnd = Math.max(-Math.floorDiv(-time, MINUTE), Math.floorDiv(ctx.timerService().currentWatermark(), MINUTE) + 1)
                * MINUTE;
        PriceBook minute = pending.get(minuteEnd);
        if (minute == null) {
            minute = new PriceBook();
            minuteTimer.await(minuteEnd, ctx.timerService());
        }
        minute.offer(p.getVenue() + "|" + p.getInstrument(), p.getPrice(), time);
        pending.put(minuteEnd, minute);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PriceMove> out) throws Exception {
        MinutePrices minutes = history.value();
        if (timestamp % MINUTE != 0) {
            // The clean-up timer of a minute: nothing has been priced since, for the longest window.
            if (minutes != null && minutes.latest < timestamp - longestMillis()) {
                latest.clear();
                history.clear();
            }
            return;
        }
        minuteTimer.fired(timestamp);
        PriceBook book = latest.value() == null ? new PriceBook() : latest.value();
        book.mergeFrom(pending.get(timestamp));
        pending.remove(timestamp);
        long next = EarliestTimer.firstAfter(pending, timestamp, MINUTE);
        if (next != Long.MAX_VALUE) {
            minuteTimer.await(next, ctx.timerService());
        }
        book.dropOlderThan(timestamp - staleAfterMillis);
        latest.update(book);
        if (minutes == null) {
            minutes = new MinutePrices(windowMinutes[windowMinutes.length - 1] + 1);
        }
        double price = book.median();
        minutes.put(timestamp, price);
        history.update(minutes);
        ctx.timerService().registerEventTimeTimer(cleanupAfter(timestamp));

        List<PriceChange> changes = new ArrayList<>(windowMinutes.length);
        for (int window : windowMinutes) {
            Double before = minutes.at(timestamp - window * MINUTE);
            changes.add(new PriceChange(window * 60, before == null ? null : (price / before - 1) * 100));
        }
        double high = minutes.highSince(timestamp - longestMillis(), timestamp);
        out.collect(PriceMove.newBuilder()
                .setScope(Scope.ASSET)
                .setScopeKey(ctx.getCurrentKey())
                .setEventTime(Instant.ofEpochMilli(timestamp))
                .setPrice(price)
                .setInstruments(book.prices.size())
                .setChanges(changes)
                .setHighPrice(high)
                .setDrawdownPct((price / high - 1) * 100)
                .build());
    }

    /**
     * The clean-up timer for a minute: at a multiple of the longest window, at least one after it (plus a millisecond,
     * which sets it apart from the minutes' timers). Every minute of the same stretch registers the same one, which
     * the timer service keeps once: an asset holds two clean-up timers, not one per minute of the longest window (the
     * timer queue was a third of the price moves' task in a replay's profile), and its state goes within two such
     * windows of its last price instead of one. A price after a longer silence finds nothing it could use either way:
     * the minutes and prices it would read are older than every window.
     */
    private long cleanupAfter(long minuteEnd) {
        long longest = longestMillis();
        return (Math.floorDiv(minuteEnd, longest) + 2) * longest + 1;
    }

    private long longestMillis() {
        return windowMinutes[windowMinutes.length - 1] * MINUTE;
    }
}

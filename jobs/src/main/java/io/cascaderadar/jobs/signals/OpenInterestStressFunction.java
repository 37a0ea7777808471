package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.config.OpenInterestConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import io.cascaderadar.jobs.ingest.ScopedOpenInterest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Open-interest stress of one asset, or of the market in USD (keyed by scope id), once per minute of event time
 * while some instrument reports. Each change compares the same instruments at both ends of its window, so a
 * venue that stops reporting never looks like a fall. The price-neutral change weighs each instrument's change
 * in base units by its current price (for one asset: the change in base units), so that a falling price alone
 * is not deleveraging; the liquidations of the scope over the window give the forced share of a fall. A venue that
 * gives one unit only has the other valued at the price the asset's other instruments imply that minute (none: that
 * unit of it is left out). Both inputs wait in per-minute buffers until the watermark passes their minute, so the
 * result does not depend on which input runs ahead, and only the earliest of those minutes has a timer
 * ({@link EarliestTimer}); when every instrument is stale the scope's state and timers go.
 */
public class OpenInterestStressFunction
        extends KeyedCoProcessFunction<String, ScopedOpenInterest, ScopedLiquidations, OpenInterestStress> {

    private static final long MINUTE = 60_000L;
    private static final int FLUSH_WINDOW_MINUTES = 15;

    private final OpenInterestConfig config;
    private final Long inputEnd;
    private final int[] windowMinutes;
    private final int staleMinutes;

    private transient MapState<Long, PendingMinute> pending;
    private transient MapState<String, InstrumentSeries> instruments;
    private transient ValueState<LiquidatedByMinute> liquidated;
    private transient ValueState<OpenInterestScope> scope;
    private transient EarliestTimer minuteTimer;

    /** @param inputEnd for bounded inputs, the event time at which they end, or null (see the intensity function) */
    public OpenInterestStressFunction(OpenInterestConfig config, Instant inputEnd) {
        this.config = config;
        this.inputEnd = inputEnd == null ? null : inputEnd.toEpochMilli();
        this.windowMinutes = config.windows().stream().mapToInt(w -> (int) w.toMinutes()).toArray();
        this.staleMinutes = (int) config.staleAfter().toMinutes();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                TypeInformation.of(PendingMinute.class)));
        instruments = getRuntimeContext().getMapState(new MapStateDescriptor<>("instruments", Types.STRING,
                TypeInformation.of(InstrumentSeries.class)));
        liquidated = getRuntimeContext().getState(new ValueStateDescriptor<>("liquidated", LiquidatedByMinute.class));
        scope = getRuntimeContext().getState(new ValueStateDescriptor<>("scope", OpenInterestScope.class));
        minuteTimer = EarliestTimer.of(getRuntimeContext(), "minute-timer");
    }

    @Override
    public void processElement1(ScopedOpenInterest oi, Context ctx, Collector<OpenInterestStress> out) throws Exception {
        PendingMinute p = pendingFor(oi.time, ctx);
        p.reports.add(oi);
        pending.put(Math.floorDiv(oi.time, MINUTE), p);
    }

    @Override
    public void processElement2(ScopedLiquidations e, Context ctx, Collector<OpenInterestStress> out) throws Exception {
        long minute = Math.floorDiv(e.stepStart, MINUTE);
        if (!pending.contains(minute) && (minute + 1) * MINUTE - 1 <= ctx.timerService().currentWatermark()) {
            // Late (allowed lateness) or a retraction: the minute was evaluated; the next minutes see the change.
            LiquidatedByMinute liq = liquidated.value();
            if (liq != null) {
                liq.add(minute, e.usd, e.quantityBase);
                liquidated.update(liq);
            }
            return;
        }
        PendingMinute p = pendingFor(e.stepStart, ctx);
        p.liquidatedUsd += e.usd;
        p.liquidatedBase += e.quantityBase;
        pending.put(minute, p);
    }

    /** Inputs wait for the watermark, so the result does not depend on which input runs ahead. */
    private PendingMinute pendingFor(long time, Context ctx) throws Exception {
        long minute = Math.floorDiv(time, MINUTE);
        PendingMinute p = pending.get(minute);
        if (p == null) {
            p = new PendingMinute();
            minuteTimer.await((minute + 1) * MINUTE - 1, ctx.timerService());
        }
        return p;
    }

    /**
     * A scope with fresh open interest is evaluated every minute, one timer handing on to the next; otherwise the next
     * minute that waits has the timer.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OpenInterestStress> out) throws Exception {
        minuteTimer.fired(timestamp);
        long minute = (timestamp + 1) / MINUTE - 1;
        if (evaluateMinute(minute, ctx, out)) {
            minuteTimer.await(timestamp + MINUTE, ctx.timerService());
        } else {
            long next = EarliestTimer.firstAfter(pending, minute, 1);
            if (next != Long.MAX_VALUE) {
                minuteTimer.await((next + 1) * MINUTE - 1, ctx.timerService());
            }
        }
    }

    /** The minute the watermark has passed, with what waited for it; whether the scope goes on to the next. */
    private boolean evaluateMinute(long minute, OnTimerContext ctx, Collector<OpenInterestStress> out)
            throws Exception {
        long minuteEnd = (minute + 1) * MINUTE;
        OpenInterestScope s = scope.value();
        boolean inputOver = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (inputOver && s != null && minuteEnd - MINUTE > endOfInput(s)) {
            // After the end of the input nothing is known: no minute that starts after it.
            clear();
            return false;
        }
        PendingMinute arrived = pending.get(minute);
        pending.remove(minute);
        if (arrived != null) {
            for (ScopedOpenInterest oi : arrived.reports) {
                if (s == null) {
                    s = new OpenInterestScope();
                    s.scope = oi.scope;
                    s.key = oi.key;
                }
                InstrumentSeries series = instruments.get(oi.instrument);
                if (series == null) {
                    series = InstrumentSeries.withMinutes(oi.asset, config.ringMinutes() + staleMinutes);
                }
                series.report(oi.time, oi.base, oi.usd);
                instruments.put(oi.instrument, series);
                s.lastReportMinute = Math.max(s.lastReportMinute, minute);
            }
        }
        if (s == null) {
            return false; // liquidations of a scope without open interest: nothing to explain
        }
        LiquidatedByMinute liq = liquidated.value();
        if (liq == null) {
            liq = LiquidatedByMinute.withMinutes(config.ringMinutes());
        }
        if (arrived != null) {
            liq.add(minute, arrived.liquidatedUsd, arrived.liquidatedBase);
        }
        List<InstrumentSeries> all = new ArrayList<>();
        boolean fresh = false;
        for (InstrumentSeries series : instruments.values()) {
            all.add(series);
            fresh |= !series.staleAt(minute, staleMinutes);
        }
        if (fresh) {
            out.collect(evaluate(s, all, liq, minute, minuteEnd));
        }
        if (!fresh || (inputOver && minuteEnd > endOfInput(s))) {
            clear();
            return false;
        }
        liquidated.update(liq);
        scope.update(s);
        return true;
    }

    private long endOfInput(OpenInterestScope s) {
        return inputEnd != null ? inputEnd : (s.lastReportMinute + 1) * MINUTE - 1;
    }

    private void clear() {
        instruments.clear();
        liquidated.clear();
        scope.clear();
    }

    private OpenInterestStress evaluate(OpenInterestScope s, List<InstrumentSeries> all, LiquidatedByMinute liq,
            long minute, long minuteEnd) {
        boolean asset = s.scope == Scope.ASSET;
        double totalUsd = 0;
        double totalBase = 0;
        int reporting = 0;
        Map<String, Double> prices = impliedPrices(all, minute, staleMinutes);
        for (InstrumentSeries series : all) {
            if (series.staleAt(minute, staleMinutes)) {
                continue;
            }
            reporting++;
            double[] valued = series.valuedAt(minute, staleMinutes, prices.getOrDefault(series.asset, Double.NaN));
            totalBase += Double.isNaN(valued[0]) ? 0 : valued[0];
            totalUsd += Double.isNaN(valued[1]) ? 0 : valued[1];
        }
        List<OpenInterestChange> changes = new ArrayList<>(windowMinutes.length);
        Double change15 = null;
        for (int k : windowMinutes) {
            double[] liquidatedNow = liq == null ? new double[2] : liq.sum(minute, k);
            Change c = change(all, minute, k, asset, staleMinutes, prices);
            Double forced = null;
            if (c.quantityChange < 0) {
                double explained = asset ? liquidatedNow[1] : liquidatedNow[0];
                forced = Math.min(1.0, explained / -c.quantityChange);
            }
            changes.add(OpenInterestChange.newBuilder()
                    .setWindowSeconds(k * 60)
                    .setChangePctUsd(c.pctUsd)
                    .setChangePctBase(c.pctQuantity)
                    .setLiquidatedUsd(liquidatedNow[0])
                    .setForcedShare(forced)
                    .build());
            if (k == FLUSH_WINDOW_MINUTES) {
                // Price-neutral change where the venues give base units, else (a weaker signal) USD.
                change15 = c.pctQuantity != null ? c.pctQuantity : c.pctUsd;
            }
        }
        double stress = 0;
        boolean flush = false;
        if (change15 != null) {
            double scale = Math.max(s.typicalChangePct, config.typicalFloorPct());
            stress = -change15 / scale;
            flush = change15 <= -config.flushPct() && stress >= config.flushStress();
            double alpha = Math.max(Math.log(2) / config.typicalHalfLife().toMinutes(), 1.0 / (s.typicalCount + 1));
            s.typicalChangePct += alpha * (Math.abs(change15) - s.typicalChangePct);
            s.typicalCount++;
        }
        return OpenInterestStress.newBuilder()
                .setScope(s.scope)
                .setScopeKey(s.key)
                .setEventTime(Instant.ofEpochMilli(minuteEnd))
                .setOpenInterestUsd(totalUsd)
                .setOpenInterestBase(asset ? totalBase : null)
                .setInstruments(reporting)
                .setChanges(changes)
                .setTypicalChangePct(s.typicalChangePct)
                .setStress(stress)
                .setFlush(flush)
                .build();
    }

    /** Change over k minutes of the instruments known at both ends; {@code pricesNow}: the minute's implied prices. */
    private static Change change(List<InstrumentSeries> all, long minute, int k, boolean asset, int stale,
            Map<String, Double> pricesNow) {
        double usdThen = 0;
        double usdDelta = 0;
        double qtyThen = 0;
        double qtyDelta = 0;
        Map<String, Double> pricesThen = impliedPrices(all, minute - k, stale);
        for (InstrumentSeries series : all) {
            double[] now = series.valuedAt(minute, stale, pricesNow.getOrDefault(series.asset, Double.NaN));
            double[] then = series.valuedAt(minute - k, stale, pricesThen.getOrDefault(series.asset, Double.NaN));
            double uNow = now[1];
            double uThen = then[1];
            if (!Double.isNaN(uNow) && !Double.isNaN(uThen)) {
                usdThen += uThen;
                usdDelta += uNow - uThen;
            }
            double bNow = now[0];
            double bThen = then[0];
            if (!Double.isNaN(bNow) && !Double.isNaN(bThen)) {
                // One asset: base units add up. The market: weigh by the current price, which is price-neutral.
                double weight = asset ? 1.0 : (!Double.isNaN(uNow) && bNow > 0 ? uNow / bNow : Double.NaN);
                if (!Double.isNaN(weight)) {
                    qtyThen += bThen * weight;
                    qtyDelta += (bNow - bThen) * weight;
                }
            }
        }
        Change c = new Change();
        c.pctUsd = usdThen > 0 ? 100 * usdDelta / usdThen : null;
        c.pctQuantity = qtyThen > 0 ? 100 * qtyDelta / qtyThen : null;
        c.quantityChange = qtyThen > 0 ? qtyDelta : 0;
        return c;
    }

    /**
     * Per asset, the price its instruments that give both units imply at a minute (their USD over their base units),
     * so that a venue giving one unit only (Binance USD-M base, COIN-M USD) counts in both totals.
     */
    private static Map<String, Double> impliedPrices(List<InstrumentSeries> all, long minute, int stale) {
        Map<String, double[]> sums = new HashMap<>();
        for (InstrumentSeries series : all) {
            double b = series.baseAt(minute, stale);
            double u = series.usdAt(minute, stale);
            if (b > 0 && u > 0) {
                double[] sum = sums.computeIfAbsent(series.asset, a -> new double[2]);
                sum[0] += u;
                sum[1] += b;
            }
        }
        Map<String, Double> prices = new HashMap<>();
        sums.forEach((asset, sum) -> prices.put(asset, sum[0] / sum[1]));
        return prices;
    }

    private static final class Change {
        Double pctUsd;
        Double pctQuantity;
        double quantityChange;
    }
}

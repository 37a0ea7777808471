package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.DetectorJob;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Drops repeated liquidations, keyed by {@code eventId}: collectors reconnecting, overlapping history files,
 * Kafka redelivery. A copy is a repeat when it comes within a horizon of event time of the first; the id is
 * then forgotten by an event-time timer. The decision depends on event times only, never on whether the timer
 * has fired yet, and processing-time state TTL would make a replay's result depend on how fast it runs.
 *
 * <p>It also decides what a retraction (a liquidation withdrawn by a chain reorg) takes back: a retraction of a
 * counted liquidation passes on, and the scopes subtract it; the same liquidation seen again after its retraction
 * was mined again in the new chain and counts again. A retraction of a liquidation not counted here (never seen,
 * or beyond the horizon) goes to the dead letters as RETRACTED.
 */
public class Deduplicator extends KeyedProcessFunction<String, LiquidationEvent, LiquidationEvent> {

    public static final String DUPLICATES = "duplicates";
    public static final String RETRACTIONS = "retractions";
    public static final OutputTag<DeadLetter> UNMATCHED_RETRACTIONS = new OutputTag<>("unmatched-retractions") {};

    private final long horizonMillis;
    private transient ValueState<Long> seenAt;
    private transient ValueState<Boolean> withdrawn;
    private transient LongCounter duplicates;
    private transient LongCounter retractions;
    private transient Counter duplicatesMetric;
    private transient Counter retractionsMetric;

    public Deduplicator(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        seenAt = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-at", Long.class));
        withdrawn = getRuntimeContext().getState(new ValueStateDescriptor<>("withdrawn", Boolean.class));
        duplicates = new LongCounter();
        retractions = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES, duplicates);
        getRuntimeContext().addAccumulator(RETRACTIONS, retractions);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter(DUPLICATES);
        retractionsMetric = getRuntimeContext().getMetricGroup().counter(RETRACTIONS);
    }

    @Override
    public void processElement(LiquidationEvent event, Context ctx, Collector<LiquidationEvent> out) throws Exception {
        Long first = seenAt.value();
        long t = ctx.timestamp();
        boolean known = first != null && t - first <= horizonMillis;
        boolean counted = known && withdrawn.value() == null;
        if (event.getRetracted()) {
            if (!known) {
                ctx.output(UNMATCHED_RETRACTIONS, new DeadLetter(DetectorJob.LIQUIDATIONS, RejectReason.RETRACTED,
                        "withdrawn by a chain reorg, but " + event.getEventId() + " was not counted here (never seen, or more than "
                                + Duration.ofMillis(horizonMillis) + " before)", AvroJson.toJson(event)));
            } else if (counted) {
                withdrawn.update(true);
                retractions.add(1L);
                retractionsMetric.inc();
                out.collect(event);
            } else {
                repeat();
            }
            return;
        }
        if (counted) {
            repeat();
            return;
        }
        if (!known) {
            seenAt.update(t);
            ctx.timerService().registerEventTimeTimer(t + horizonMillis);
        }
        withdrawn.clear();
        out.collect(event);
    }

    private void repeat() {
        duplicates.add(1L);
        duplicatesMetric.inc();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LiquidationEvent> out) throws Exception {
        Long first = seenAt.value();
        if (first != null && first + horizonMillis <= timestamp) {
            seenAt.clear();
            withdrawn.clear();
        }
    }
}

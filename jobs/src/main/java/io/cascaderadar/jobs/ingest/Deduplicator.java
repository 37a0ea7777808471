package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.LiquidationEvent;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops repeated liquidations, keyed by {@code eventId}: collectors reconnecting, overlapping history files,
 * Kafka redelivery. A copy is a repeat when it comes within a horizon of event time of the first; the id is
 * then forgotten by an event-time timer. The decision depends on event times only, never on whether the timer
 * has fired yet, and processing-time state TTL would make a replay's result depend on how fast it runs.
 */
public class Deduplicator extends KeyedProcessFunction<String, LiquidationEvent, LiquidationEvent> {

    public static final String DUPLICATES = "duplicates";

    private final long horizonMillis;
    private transient ValueState<Long> seenAt;
    private transient LongCounter duplicates;
    private transient Counter duplicatesMetric;

    public Deduplicator(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        seenAt = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-at", Long.class));
        duplicates = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES, duplicates);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter(DUPLICATES);
    }

    @Override
    public void processElement(LiquidationEvent event, Context ctx, Collector<LiquidationEvent> out) throws Exception {
        Long first = seenAt.value();
        long t = ctx.timestamp();
        if (first != null && t - first <= horizonMillis) {
            duplicates.add(1L);
            duplicatesMetric.inc();
            return;
        }
        seenAt.update(t);
        ctx.timerService().registerEventTimeTimer(t + horizonMillis);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LiquidationEvent> out) throws Exception {
        Long first = seenAt.value();
        if (first != null && first + horizonMillis <= timestamp) {
            seenAt.clear();
        }
    }
}

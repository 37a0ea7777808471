package io.cascaderadar.jobs.ingest;

import io.cascaderadar.jobs.config.EventTimeConfig;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The watermark strategy of every input: bounded out-of-orderness, and idleness as configured. */
public final class Watermarks {
    private Watermarks() {}

    public static <T> WatermarkStrategy<T> forInput(EventTimeConfig config, SerializableTimestampAssigner<T> eventTime) {
        WatermarkStrategy<T> strategy = WatermarkStrategy.<T>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                .withTimestampAssigner(eventTime);
        if (!config.idleness().isZero()) {
            strategy = strategy.withIdleness(config.idleness());
        }
        return strategy;
    }
}

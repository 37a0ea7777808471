package io.cascaderadar.jobs.sources;

import io.cascaderadar.connectors.validation.DeadLetter;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;

/**
 * The detector's watermark strategy for a record type, applied to a Kafka source that yields either a record or
 * a dead letter: records drive event time exactly as they would alone (per partition, with idleness); a dead
 * letter has no event time, takes the Kafka record's timestamp and never moves the watermark.
 */
final class EitherWatermarks<T> implements WatermarkStrategy<Either<T, DeadLetter>> {
    private final WatermarkStrategy<T> records;

    EitherWatermarks(WatermarkStrategy<T> records) {
        this.records = records;
    }

    @Override
    public WatermarkGenerator<Either<T, DeadLetter>> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        WatermarkGenerator<T> generator = records.createWatermarkGenerator(context);
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(Either<T, DeadLetter> event, long timestamp, WatermarkOutput output) {
                if (event.isLeft()) {
                    generator.onEvent(event.left(), timestamp, output);
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                generator.onPeriodicEmit(output);
            }
        };
    }

    @Override
    public TimestampAssigner<Either<T, DeadLetter>> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        TimestampAssigner<T> assigner = records.createTimestampAssigner(context);
        return (event, kafkaTimestamp) -> event.isLeft() ? assigner.extractTimestamp(event.left(), kafkaTimestamp) : kafkaTimestamp;
    }
}

package io.cascaderadar.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An input of the detector: how to create its stream with the watermark strategy the detector gives, so that
 * watermarks are generated at the source (per source and, for Kafka, per partition).
 */
@FunctionalInterface
public interface InputStream<T> {
    DataStream<T> create(StreamExecutionEnvironment env, WatermarkStrategy<T> watermarks);
}

package io.cascaderadar.jobs.testing;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.DetectorJob;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.ingest.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The whole job graph on bounded lists, in the test's mini cluster, with every output collected: the
 * cookbook way of testing a workflow (generic types off, so a Kryo fallback fails the test).
 */
public final class DetectorRun {

    public record Result(List<DeleveragingAlert> alerts, List<CascadeSignal> signals,
            List<OpenInterestStress> openInterestStress, List<DeadLetter> deadLetters) {}

    private DetectorRun() {}

    public static Result run(List<LiquidationEvent> liquidations, List<OpenInterestUpdate> openInterest,
            List<FeedHealth> feedHealth, DetectorConfig config, int parallelism) throws Exception {
        return run(liquidations, openInterest, feedHealth, config, parallelism, Duration.ofMillis(200));
    }

    /** With the given interval between periodic watermarks (the pace at which event time advances). */
    public static Result run(List<LiquidationEvent> liquidations, List<OpenInterestUpdate> openInterest,
            List<FeedHealth> feedHealth, DetectorConfig config, int parallelism, Duration watermarkInterval)
            throws Exception {
        return run(liquidations, openInterest, feedHealth, config, parallelism, watermarkInterval, false);
    }

    /**
     * Liquidations in the order a live reader would receive them, not sorted: the watermark follows every
     * record, as it would in a live feed that runs for hours, so that what is late is decided by the order alone.
     */
    public static Result runAsArrived(List<LiquidationEvent> liquidations, DetectorConfig config) throws Exception {
        return run(liquidations, List.of(), List.of(), config, 2, Duration.ofMillis(200), true);
    }

    private static Result run(List<LiquidationEvent> liquidations, List<OpenInterestUpdate> openInterest,
            List<FeedHealth> feedHealth, DetectorConfig config, int parallelism, Duration watermarkInterval,
            boolean watermarkEveryRecord) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, watermarkInterval);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        DetectorOutputs out = DetectorJob.defineWorkflow(env, new DetectorInputs(
                watermarkEveryRecord ? listWatermarkedEveryRecord(liquidations, LiquidationEvent.class)
                        : list(liquidations, LiquidationEvent.class),
                list(openInterest, OpenInterestUpdate.class),
                list(feedHealth, FeedHealth.class),
                java.util.stream.Stream.of(liquidations.stream().map(LiquidationEvent::getEventTime),
                                openInterest.stream().map(OpenInterestUpdate::getEventTime),
                                feedHealth.stream().map(FeedHealth::getEventTime))
                        .flatMap(s -> s).max(java.time.Instant::compareTo).orElse(null)), config);
        CloseableIterator<DeleveragingAlert> alerts = out.alerts().collectAsync();
        CloseableIterator<CascadeSignal> signals = out.signals().collectAsync();
        CloseableIterator<OpenInterestStress> stress = out.openInterestStress().collectAsync();
        CloseableIterator<DeadLetter> deadLetters = out.deadLetters().collectAsync();
        env.executeAsync("detector test");
        List<DeleveragingAlert> a = new ArrayList<>();
        List<CascadeSignal> s = new ArrayList<>();
        List<OpenInterestStress> o = new ArrayList<>();
        List<DeadLetter> d = new ArrayList<>();
        Thread drainSignals = drain(signals, s);
        Thread drainStress = drain(stress, o);
        Thread drainDead = drain(deadLetters, d);
        alerts.forEachRemaining(a::add);
        drainSignals.join();
        drainStress.join();
        drainDead.join();
        return new Result(a, s, o, d);
    }

    private static <T> Thread drain(CloseableIterator<T> it, List<T> into) {
        Thread t = new Thread(() -> it.forEachRemaining(into::add));
        t.start();
        return t;
    }

    private static <T extends org.apache.avro.specific.SpecificRecordBase> InputStream<T> listWatermarkedEveryRecord(
            List<T> items, Class<T> type) {
        return (env, watermarks) -> env.fromData(items, new AvroTypeInfo<>(type)).setParallelism(1)
                .assignTimestampsAndWatermarks(new WatermarkStrategy<T>() {
                    @Override
                    public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
                        WatermarkGenerator<T> generator = watermarks.createWatermarkGenerator(context);
                        return new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(T event, long timestamp, WatermarkOutput output) {
                                generator.onEvent(event, timestamp, output);
                                generator.onPeriodicEmit(output);
                            }

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                generator.onPeriodicEmit(output);
                            }
                        };
                    }

                    @Override
                    public TimestampAssigner<T> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
                        return watermarks.createTimestampAssigner(context);
                    }
                }).setParallelism(1);
    }

    private static <T extends org.apache.avro.specific.SpecificRecordBase> InputStream<T> list(List<T> items, Class<T> type) {
        TypeInformation<T> info = new AvroTypeInfo<>(type);
        if (items.isEmpty()) {
            // fromData refuses an empty list: an empty stream of the right type instead.
            return (env, watermarks) -> env.fromSequence(0, 0).filter(x -> false)
                    .map(x -> (T) null, info).assignTimestampsAndWatermarks(watermarks).setParallelism(1);
        }
        return (env, watermarks) -> env.fromData(items, info).setParallelism(1)
                .assignTimestampsAndWatermarks(watermarks).setParallelism(1);
    }
}

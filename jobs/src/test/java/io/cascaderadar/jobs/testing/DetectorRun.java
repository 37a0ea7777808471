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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, watermarkInterval);
        return run(new DetectorInputs(list(liquidations, LiquidationEvent.class),
                list(openInterest, OpenInterestUpdate.class), list(feedHealth, FeedHealth.class),
                end(liquidations, openInterest, feedHealth)), config, parallelism, conf);
    }

    /**
     * Liquidations in the order a live reader would receive them, not sorted: the watermark follows every
     * record, as it would in a live feed that runs for hours, so that what is late is decided by the order alone.
     *
     * <p>Open interest and feed health are empty and over before the first liquidation: the operators that also
     * read them (cascade intensity, open-interest stress) then see the liquidations' watermarks alone. Empty
     * sources of their own end whenever their tasks get to run, and until then they hold those operators'
     * watermarks back: the late on-chain liquidations were then counted in their own steps in some runs and as
     * amendments in others. So both are made in the liquidations' source task, done before it sends anything,
     * and every buffer is sent as soon as it is written.
     */
    public static Result runAsArrived(List<LiquidationEvent> liquidations, DetectorConfig config) throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ZERO);
        AsArrived asArrived = new AsArrived(liquidations);
        return run(new DetectorInputs(asArrived::liquidations, asArrived.none(OpenInterestUpdate.class),
                asArrived.none(FeedHealth.class), end(liquidations, List.of(), List.of())), config, 2, conf);
    }

    private static Instant end(List<LiquidationEvent> liquidations, List<OpenInterestUpdate> openInterest,
            List<FeedHealth> feedHealth) {
        return Stream.of(liquidations.stream().map(LiquidationEvent::getEventTime),
                        openInterest.stream().map(OpenInterestUpdate::getEventTime),
                        feedHealth.stream().map(FeedHealth::getEventTime))
                .flatMap(s -> s).max(Instant::compareTo).orElse(null);
    }

    private static Result run(DetectorInputs inputs, DetectorConfig config, int parallelism, Configuration conf)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        DetectorOutputs out = DetectorJob.defineWorkflow(env, inputs, config);
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

    /** The liquidations' source of {@link #runAsArrived}, and the empty inputs made in its task. */
    private static final class AsArrived {
        private final List<LiquidationEvent> liquidations;
        private DataStream<LiquidationEvent> source;

        AsArrived(List<LiquidationEvent> liquidations) {
            this.liquidations = liquidations;
        }

        /** The detector's liquidations input: a watermark after every record. */
        DataStream<LiquidationEvent> liquidations(StreamExecutionEnvironment env,
                WatermarkStrategy<LiquidationEvent> watermarks) {
            source = env.fromData(liquidations, new AvroTypeInfo<>(LiquidationEvent.class)).setParallelism(1)
                    .assignTimestampsAndWatermarks(everyRecord(watermarks)).setParallelism(1);
            return source;
        }

        /** An input with no records whose event time is over before the liquidations' source sends anything. */
        <T extends org.apache.avro.specific.SpecificRecordBase> InputStream<T> none(Class<T> type) {
            return (env, watermarks) -> {
                if (source == null) {
                    throw new IllegalStateException("the detector creates its liquidations' input first");
                }
                return source.transform("no " + type.getSimpleName(), new AvroTypeInfo<>(type), new OverAtOnce<>())
                        .setParallelism(1);
            };
        }
    }

    /** Drops its input and sends the end of event time when it opens, before its task sends anything else. */
    private static final class OverAtOnce<T> extends AbstractStreamOperator<T>
            implements OneInputStreamOperator<LiquidationEvent, T> {
        @Override
        public void open() throws Exception {
            super.open();
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }

        @Override
        public void processElement(StreamRecord<LiquidationEvent> element) {}

        @Override
        public void processWatermark(Watermark mark) {}
    }

    private static <T> WatermarkStrategy<T> everyRecord(WatermarkStrategy<T> watermarks) {
        return new WatermarkStrategy<>() {
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
        };
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

package io.cascaderadar.jobs.sources;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.formats.RecordDecoder;
import io.cascaderadar.jobs.ingest.InputStream;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * An input topic of the detector: a {@link KafkaSource} whose watermarks are generated per partition by the
 * strategy the detector gives, decoding through the schema registry. Records that cannot be used leave through
 * {@link #deadLetters()}, available once the detector has created the stream.
 */
public final class KafkaInput<T extends SpecificRecordBase> implements InputStream<T> {

    /** Where the source starts and whether it stops. */
    public enum Range {
        /** From the committed offsets of the consumer group (earliest where there are none), never stopping. */
        LIVE,
        /** From the earliest offsets to the latest at start, then finished: history replayed through Kafka. */
        TO_LATEST
    }

    private final String topic;
    private final Class<T> type;
    private final DecodingDeserializer.RecordCheck<T> check;
    private final Connection kafka;
    private DataStream<DeadLetter> deadLetters;

    private KafkaInput(String topic, Class<T> type, DecodingDeserializer.RecordCheck<T> check, Connection kafka) {
        this.topic = topic;
        this.type = type;
        this.check = check;
        this.kafka = kafka;
    }

    /** Kafka and the registry, shared by the inputs of one job. */
    public record Connection(Properties client, RegistryConfig registry, String groupId, Range range) {}

    public static KafkaInput<LiquidationEvent> liquidations(String topic, Connection kafka) {
        return new KafkaInput<>(topic, LiquidationEvent.class, InputRules::check, kafka);
    }

    public static KafkaInput<OpenInterestUpdate> openInterest(String topic, Connection kafka) {
        return new KafkaInput<>(topic, OpenInterestUpdate.class, InputRules::check, kafka);
    }

    public static KafkaInput<PriceUpdate> prices(String topic, Connection kafka) {
        return new KafkaInput<>(topic, PriceUpdate.class, InputRules::check, kafka);
    }

    public static KafkaInput<FeedHealth> feedHealth(String topic, Connection kafka) {
        return new KafkaInput<>(topic, FeedHealth.class, InputRules::check, kafka);
    }

    @Override
    public DataStream<T> create(StreamExecutionEnvironment env, WatermarkStrategy<T> watermarks) {
        KafkaSourceBuilder<Either<T, DeadLetter>> builder = KafkaSource.<Either<T, DeadLetter>>builder()
                .setProperties(kafka.client())
                // History is published in transactions (HistoryPublisher): an aborted one is never input.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setTopics(topic)
                .setGroupId(kafka.groupId())
                .setClientIdPrefix(kafka.groupId() + "-" + topic)
                .setDeserializer(new DecodingDeserializer<>(type, RecordDecoder.forType(type, kafka.registry()),
                        InputRules.defaults(), check));
        if (kafka.range() == Range.TO_LATEST) {
            builder.setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest());
        } else {
            builder.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        OutputTag<DeadLetter> undecodable = new OutputTag<>("undecodable-" + topic, TypeInformation.of(DeadLetter.class));
        SingleOutputStreamOperator<T> records = env
                .fromSource(builder.build(), new EitherWatermarks<>(watermarks), "kafka " + topic)
                .uid("source-" + topic)
                .process(new Split<T>(undecodable)).returns(new AvroTypeInfo<>(type))
                .uid("decoded-" + topic).name(topic + " decoded");
        deadLetters = records.getSideOutput(undecodable);
        return records;
    }

    /** The records of this topic that could not be used; null before {@link #create}. */
    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** Records go on, dead letters to the side. */
    private static final class Split<T> extends ProcessFunction<Either<T, DeadLetter>, T> {
        private final OutputTag<DeadLetter> deadLetters;

        Split(OutputTag<DeadLetter> deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Override
        public void processElement(Either<T, DeadLetter> value, Context ctx, Collector<T> out) {
            if (value.isLeft()) {
                out.collect(value.left());
            } else {
                ctx.output(deadLetters, value.right());
            }
        }
    }
}

package io.cascaderadar.jobs.sources;

import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.jobs.formats.RecordDecoder;
import io.cascaderadar.jobs.formats.UndecodableRecordException;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes an input topic's records (Confluent wire format through the registry) and checks them with the
 * {@link InputRules}. A record that cannot be used becomes a dead letter with the reason and its bytes, and the
 * job goes on. A registry that cannot be reached is not the record's fault: that failure propagates, the job
 * restarts from its last checkpoint and reads the record again, so nothing is lost.
 */
final class DecodingDeserializer<T extends SpecificRecordBase> implements KafkaRecordDeserializationSchema<Either<T, DeadLetter>> {

    /** The semantic check of a decoded record; {@link InputRules} has one per input type. */
    @FunctionalInterface
    interface RecordCheck<T> extends java.io.Serializable {
        void check(InputRules rules, T record, Instant now) throws Rejection;
    }

    private final Class<T> type;
    private final RecordDecoder<T> decoder;
    private final InputRules rules;
    private final RecordCheck<T> check;

    DecodingDeserializer(Class<T> type, RecordDecoder<T> decoder, InputRules rules, RecordCheck<T> check) {
        this.type = type;
        this.decoder = decoder;
        this.rules = rules;
        this.check = check;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        decoder.open(context);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<T, DeadLetter>> out) throws IOException {
        String source = record.topic() + "[" + record.partition() + "]@" + record.offset();
        T value;
        try {
            value = decoder.decode(record.value());
        } catch (UndecodableRecordException e) {
            out.collect(Either.Right(DeadLetter.undecodable(source, e.reason(), e.getMessage(), record.value())));
            return;
        }
        try {
            check.check(rules, value, Instant.now());
            out.collect(Either.Left(value));
        } catch (Rejection r) {
            DeadLetter letter = r.toDeadLetter(source, value.toString());
            letter.payload = record.value();
            out.collect(Either.Right(letter));
        }
    }

    @Override
    public TypeInformation<Either<T, DeadLetter>> getProducedType() {
        return new EitherTypeInfo<>(new AvroTypeInfo<>(type), TypeInformation.of(DeadLetter.class));
    }
}

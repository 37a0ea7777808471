package io.cascaderadar.jobs.sinks;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert as a Kafka record: the value in the Confluent wire format, the key its scope ({@code ASSET:BTC},
 * {@code MARKET:ALL}) so that one scope's alerts keep their order. The record's timestamp is the time of writing,
 * not the event time: alerts of a replayed history carry event times years old, which the broker's time-based
 * retention would delete at once.
 */
final class AlertRecords implements KafkaRecordSerializationSchema<DeleveragingAlert> {
    private final String topic;
    private final SerializationSchema<DeleveragingAlert> value;

    AlertRecords(String topic, SerializationSchema<DeleveragingAlert> value) {
        this.topic = topic;
        this.value = value;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        value.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeleveragingAlert alert, KafkaSinkContext context, Long timestamp) {
        byte[] key = ScopeKeys.id(alert.getScope(), alert.getScopeKey()).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, value.serialize(alert));
    }
}

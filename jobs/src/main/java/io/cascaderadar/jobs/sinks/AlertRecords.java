package io.cascaderadar.jobs.sinks;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.jobs.formats.ConfluentSchemaCoder;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert as a Kafka record: the value in the Confluent wire format, the key its scope ({@code ASSET:BTC},
 * {@code MARKET:ALL}) so that one scope's alerts keep their order. The record's timestamp is the time of writing,
 * not the event time: alerts of a replayed history carry event times years old, which the broker's time-based
 * retention would delete at once. It names its topic to the sink, which pools transactional ids by the
 * transactions open on it. The schema is registered (or looked up) when the sink opens, so that the first alert of
 * a run does not wait for the registry.
 */
final class AlertRecords implements KafkaRecordSerializationSchema<DeleveragingAlert>, KafkaDatasetFacetProvider {
    private final String topic;
    private final ConfluentSchemaCoder.Provider schemas;
    private final SerializationSchema<DeleveragingAlert> value;

    AlertRecords(String topic, ConfluentSchemaCoder.Provider schemas) {
        this.topic = topic;
        this.schemas = schemas;
        this.value = RegistryAvroSerializationSchema.forSpecific(DeleveragingAlert.class, schemas);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        value.open(context);
        // The registry client caches the id for every coder of this JVM, the value's too.
        schemas.get().writeSchema(DeleveragingAlert.getClassSchema(), OutputStream.nullOutputStream());
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeleveragingAlert alert, KafkaSinkContext context, Long timestamp) {
        byte[] key = ScopeKeys.id(alert.getScope(), alert.getScopeKey()).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, value.serialize(alert));
    }

    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }
}

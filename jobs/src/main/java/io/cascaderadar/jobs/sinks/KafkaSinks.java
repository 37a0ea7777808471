package io.cascaderadar.jobs.sinks;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SubjectNameStrategy;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.formats.ConfluentSchemaCoder;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The job's Kafka sinks: alerts exactly once (or at least once, where chosen), dead letters at least once. */
public final class KafkaSinks {
    /**
     * Kafka transactions stay open from one checkpoint to the next and must outlive a restart; brokers refuse
     * more than their {@code transaction.max.timeout.ms} (15 minutes by default).
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private KafkaSinks() {}

    /**
     * Alerts in the Confluent wire format, in Kafka transactions committed with Flink's checkpoints: a consumer
     * reading {@code read_committed} sees every alert exactly once, across failures and restarts (records:
     * {@link AlertRecords}). At least once, they are visible at once and may repeat after a restart.
     *
     * <p>Transactional ids are pooled: the connector's default names a new one per checkpoint, and a broker keeps
     * every id it has seen for {@code transactional.id.expiration.ms} (7 days), over a million a week per sink
     * subtask at the default checkpoint interval of half a second.
     */
    public static KafkaSink<DeleveragingAlert> alerts(Properties client, RegistryConfig registry, String topic,
            DeliveryGuarantee delivery, String transactionalIdPrefix) {
        return KafkaSink.<DeleveragingAlert>builder()
                .setKafkaProducerConfig(client)
                .setBootstrapServers(client.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
                .setRecordSerializer(new AlertRecords(topic, new ConfluentSchemaCoder.Provider(registry,
                        SubjectNameStrategy.TOPIC.subject(topic, DeleveragingAlert.getClassSchema(), false))))
                .setDeliveryGuarantee(delivery)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }

    /**
     * Dead letters with the reason in headers (see {@link DeadLetterRecords}). At least once: after a restart a
     * dead letter may appear twice, which costs a reader nothing, and needs no transaction.
     */
    public static KafkaSink<DeadLetter> deadLetters(Properties client, String topic) {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(client)
                .setBootstrapServers(client.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
                .setRecordSerializer(new DeadLetterRecords(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}

package io.cascaderadar.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.registry.SchemaRegistryException;
import io.cascaderadar.jobs.formats.ConfluentSchemaCoder;
import io.cascaderadar.stack.testing.TestStack;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alerts as Kafka records, against the test stack's registry. */
class AlertRecordsTest {

    @Test
    void theAlertSchemaIsRegisteredWhenTheSinkOpensNotWithTheFirstAlert() throws Exception {
        RegistryConfig registry = RegistryConfig.of(TestStack.shared().registryUrl());
        String topic = "alerts-opened-" + UUID.randomUUID().toString().substring(0, 8);
        String subject = topic + "-value";
        SchemaRegistryClient reader = new SchemaRegistryClient(registry);
        assertThatThrownBy(() -> reader.latest(subject)).isInstanceOf(SchemaRegistryException.class);

        new AlertRecords(topic, new ConfluentSchemaCoder.Provider(registry, subject)).open(null, null);

        assertThat(reader.latest(subject).schema()).isEqualTo(DeleveragingAlert.getClassSchema());
    }
}

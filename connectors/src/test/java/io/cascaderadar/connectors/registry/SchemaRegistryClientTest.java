package io.cascaderadar.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.stack.testing.TestStack;
import java.net.ServerSocket;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Against a real Apicurio Registry's Confluent API, started by the local stack's launcher. */
class SchemaRegistryClientTest {
    static final Schema V1 = parse("{\"type\":\"record\",\"name\":\"Trade\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"price\",\"type\":\"double\"}]}");
    static final Schema V2_OPTIONAL_FIELD = parse("{\"type\":\"record\",\"name\":\"Trade\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"price\",\"type\":\"double\"},{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    static final Schema V2_REQUIRED_FIELD = parse("{\"type\":\"record\",\"name\":\"Trade\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"price\",\"type\":\"double\"},{\"name\":\"size\",\"type\":\"double\"}]}");

    private final SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(TestStack.shared().registryUrl()));
    private final String subject = "trades-" + UUID.randomUUID() + "-value";

    @Test
    void registersLooksUpAndServesTheHotPathFromItsCache() throws Exception {
        int id = client.register(subject, V1);
        assertThat(client.idOf(subject, V1)).isEqualTo(id);
        SchemaRegistryClient.RegisteredSchema latest = client.latest(subject);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.schema()).isEqualTo(V1);

        SchemaRegistryClient fresh = new SchemaRegistryClient(RegistryConfig.of(TestStack.shared().registryUrl()));
        assertThat(fresh.schemaById(id)).isEqualTo(V1);
        long requests = fresh.requests();
        for (int i = 0; i < 100; i++) {
            fresh.schemaById(id);
            client.register(subject, V1);
        }
        assertThat(fresh.requests()).isEqualTo(requests);
        assertThat(fresh.register(subject, V1)).isEqualTo(id);
    }

    @Test
    void backwardCompatibilityAcceptsAnOptionalFieldAndRefusesARequiredOneClearly() throws Exception {
        client.register(subject, V1);
        client.setCompatibility(subject, "BACKWARD");
        assertThat(client.compatibility(subject)).isEqualTo("BACKWARD");

        assertThat(client.isCompatible(subject, V2_OPTIONAL_FIELD)).isTrue();
        assertThat(client.register(subject, V2_OPTIONAL_FIELD)).isNotEqualTo(client.idOf(subject, V1));

        assertThat(client.isCompatible(subject, V2_REQUIRED_FIELD)).isFalse();
        assertThatThrownBy(() -> client.register(subject, V2_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE);
                    assertThat(e.status()).isEqualTo(409);
                })
                .hasMessageContaining(subject).hasMessageContaining("incompatible");
    }

    @Test
    void anUnknownIdIsNotFoundAndADeadRegistryIsUnreachable() throws Exception {
        assertThatThrownBy(() -> client.schemaById(2_000_000_000))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SchemaRegistryClient dead = new SchemaRegistryClient(RegistryConfig.of("http://127.0.0.1:" + closed));
        assertThatThrownBy(() -> dead.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.UNREACHABLE))
                .hasMessageContaining("not reachable").hasMessageContaining(String.valueOf(closed));
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}

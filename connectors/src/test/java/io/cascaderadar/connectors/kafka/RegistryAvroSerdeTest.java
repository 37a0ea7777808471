package io.cascaderadar.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.registry.ConfluentWireFormat;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.stack.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The Kafka serializer and deserializer against a real Apicurio Registry. */
class RegistryAvroSerdeTest {
    private static final Instant T = Instant.parse("2025-10-10T21:15:00Z");

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(TestStack.shared().registryUrl()));
    private final RegistryAvroSerializer<LiquidationEvent> serializer = new RegistryAvroSerializer<>(registry);
    private final RegistryAvroDeserializer<LiquidationEvent> deserializer =
            new RegistryAvroDeserializer<>(LiquidationEvent.class, registry);
    private final String topic = "liquidations-" + UUID.randomUUID();

    @Test
    void roundTripsInTheConfluentWireFormatUnderTheTopicsSubject() throws Exception {
        LiquidationEvent event = event();
        byte[] bytes = serializer.serialize(topic, event);

        assertThat(bytes[0]).isEqualTo(ConfluentWireFormat.MAGIC);
        int id = ConfluentWireFormat.schemaId(bytes);
        assertThat(registry.latest(topic + "-value").id()).isEqualTo(id);
        assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(event);
    }

    @Test
    void configuredByClassNameAsKafkaClientsDo() {
        Map<String, Object> config = Map.of(RegistryConfig.URL, TestStack.shared().registryUrl(),
                RegistryAvroDeserializer.VALUE_TYPE, LiquidationEvent.class.getName());
        try (RegistryAvroSerializer<LiquidationEvent> byName = new RegistryAvroSerializer<>();
                RegistryAvroDeserializer<LiquidationEvent> readerByName = new RegistryAvroDeserializer<>()) {
            byName.configure(config, false);
            readerByName.configure(config, false);
            assertThat(readerByName.deserialize(topic, byName.serialize(topic, event()))).isEqualTo(event());
        }
    }

    @Test
    void aRecordOfANewerSchemaWithAnOptionalFieldIsReadIntoTheCurrentType() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema = (ObjectNode) json.readTree(LiquidationEvent.getClassSchema().toString());
        ((ArrayNode) schema.get("fields")).add(json.readTree("{\"name\":\"fundingRate\",\"type\":[\"null\",\"double\"],\"default\":null}"));
        Schema v2 = new Schema.Parser().parse(schema.toString());
        int id = registry.register(topic + "-value", v2);

        // The v1 event as a v2 writer would write it: its fields, then a funding rate.
        byte[] v1 = serializer.serialize(topic, event());
        GenericRecord record = new GenericDatumReader<GenericRecord>(LiquidationEvent.getClassSchema(), v2)
                .read(null, DecoderFactory.get().binaryDecoder(v1, ConfluentWireFormat.HEADER_SIZE, v1.length - 5, null));
        record.put("fundingRate", 0.0001);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v2).write(record, encoder);
        encoder.flush();

        assertThat(deserializer.deserialize(topic, ConfluentWireFormat.frame(id, out.toByteArray()))).isEqualTo(event());
    }

    @Test
    void undecodableRecordsSayWhy() {
        byte[] valid = serializer.serialize(topic, event());
        byte[] badMagic = valid.clone();
        badMagic[0] = 1;
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(1_999_999_999);
        OpenInterestUpdate other = OpenInterestUpdate.newBuilder().setVenue("bybit").setInstrument("BTCUSDT").setBaseAsset("BTC")
                .setOpenInterestBase(1.0).setOpenInterestUsd(1e5).setSidedness(Sidedness.ONE_SIDED).setEventTime(T).build();
        byte[] otherType = new RegistryAvroSerializer<OpenInterestUpdate>(registry).serialize(topic + "-oi", other);

        assertReason(badMagic, RejectReason.NOT_WIRE_FORMAT);
        assertReason(Arrays.copyOf(valid, 4), RejectReason.NOT_WIRE_FORMAT);
        assertReason(unknownId, RejectReason.UNKNOWN_SCHEMA_ID);
        assertReason(Arrays.copyOf(valid, valid.length / 2), RejectReason.CORRUPT_AVRO);
        assertReason(otherType, RejectReason.INCOMPATIBLE_SCHEMA);
    }

    private void assertReason(byte[] bytes, RejectReason reason) {
        assertThatThrownBy(() -> deserializer.deserialize(topic, bytes))
                .isInstanceOfSatisfying(RecordDecodingException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static LiquidationEvent event() {
        return LiquidationEvent.newBuilder().setEventId("bybit:1").setVenue("bybit").setVenueType(VenueType.CEX)
                .setInstrument("BTCUSDT").setBaseAsset("BTC").setLiquidatedSide(PositionSide.LONG).setPrice(110000.0)
                .setQuantityBase(0.5).setNotionalUsd(55000.0).setEventTime(T).setReceiveTime(T).build();
    }
}

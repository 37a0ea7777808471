package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.api.Test;

class SerializationTest {

    @Test
    void avroRecordsKeepOptionalTimestampsThroughFlinksSerializer() throws Exception {
        FeedHealth h = FeedHealth.newBuilder().setVenue("okx").setChannel("liquidations").setState(FeedState.RECOVERED)
                .setEventTime(Instant.ofEpochMilli(200_000)).setGapStart(Instant.ofEpochMilli(120_000))
                .setGapEnd(Instant.ofEpochMilli(200_000)).build();
        TypeSerializer<FeedHealth> serializer = new AvroTypeInfo<>(FeedHealth.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(h, out);
        FeedHealth back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(h);
    }
}

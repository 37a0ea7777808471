package io.cascaderadar.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class Utf8StringTypeInfoTest {
    private static final List<String> TEXTS = Arrays.asList(
            "cascade_state,market=ALL,scope=MARKET level=\"SEVERE\",robust_z=12.5 1760000000000000000",
            "", null, "alerts,asset=ÉTH summary=\"Liquidationen über 10 Mio. $ in 15 min — 🚨\"", "日本語",
            "x".repeat(70_000));

    @Test
    void stringsOneAfterAnotherReadBackAsWritten() throws Exception {
        TypeSerializer<String> serializer = Utf8StringTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String text : TEXTS) {
            serializer.serialize(text, out);
        }
        assertThat(readAll(serializer, out.getCopyOfBuffer())).isEqualTo(TEXTS);

        // Copied from view to view without being made into strings (what a network buffer's re-send does).
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        DataOutputSerializer copied = new DataOutputSerializer(out.length()); // a view-to-view copy does not grow it
        for (int i = 0; i < TEXTS.size(); i++) {
            serializer.copy(in, copied);
        }
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void itsSnapshotRestoresTheSameSerializerAsCompatible() throws Exception {
        TypeSerializer<String> serializer = Utf8StringTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<String> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }

    private static List<String> readAll(TypeSerializer<String> serializer, byte[] bytes) throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        List<String> read = new ArrayList<>();
        while (in.available() > 0) {
            read.add(serializer.deserialize(in));
        }
        return read;
    }
}

package io.cascaderadar.jobs.sinks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings that cross a shuffle as their UTF-8 bytes, for the lines of text on their way to a sink. Flink's own
 * string serializer writes and reads them a character at a time: for a line-protocol point of 300 characters that
 * was 630 ns against 65 ns, and a replay sends every point through one. Text goes out as UTF-8 anyway, so what an
 * unpaired surrogate becomes here is what the sink would have made of it.
 */
public final class Utf8StringTypeInfo extends TypeInformation<String> {
    public static final Utf8StringTypeInfo INSTANCE = new Utf8StringTypeInfo();

    private Utf8StringTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<String> createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "String (UTF-8)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Utf8StringTypeInfo;
    }

    @Override
    public int hashCode() {
        return Utf8StringTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof Utf8StringTypeInfo;
    }

    /** A length (-1 for null), then the bytes. */
    public static final class Serializer extends TypeSerializerSingleton<String> {
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public String createInstance() {
            return "";
        }

        @Override
        public String copy(String from) {
            return from;
        }

        @Override
        public String copy(String from, String reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(String record, DataOutputView target) throws IOException {
            if (record == null) {
                target.writeInt(-1);
                return;
            }
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Override
        public String deserialize(DataInputView source) throws IOException {
            int length = source.readInt();
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            source.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(String reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            if (length > 0) {
                target.write(source, length);
            }
        }

        @Override
        public TypeSerializerSnapshot<String> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Nothing to configure: restored as the one serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}

package io.cascaderadar.jobs.ingest;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoints {@link SeenIds} as its ids alone, 17 bytes each in the order they were counted: its table is at most
 * half full and its ring holds ids counted again twice, so a serializer of its arrays wrote four times as much.
 */
public final class SeenIdsSerializer extends TypeSerializerSingleton<SeenIds> {
    public static final SeenIdsSerializer INSTANCE = new SeenIdsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeenIds createInstance() {
        return SeenIds.empty();
    }

    @Override
    public SeenIds copy(SeenIds from) {
        return from.copy();
    }

    @Override
    public SeenIds copy(SeenIds from, SeenIds reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeenIds ids, DataOutputView out) throws IOException {
        out.writeLong(ids.latestExpiry());
        out.writeInt(ids.size()); // every id in the table has its latest count in the ring, once
        ids.forEachCounted((id, time, withdrawn) -> {
            out.writeLong(id);
            out.writeLong(time);
            out.writeBoolean(withdrawn);
        });
    }

    @Override
    public SeenIds deserialize(DataInputView in) throws IOException {
        long latestExpiry = in.readLong();
        int n = in.readInt();
        SeenIds ids = SeenIds.withRoomFor(n);
        ids.latestExpiry(latestExpiry);
        for (int i = 0; i < n; i++) {
            ids.restore(in.readLong(), in.readLong(), in.readBoolean());
        }
        return ids;
    }

    @Override
    public SeenIds deserialize(SeenIds reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SeenIds> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: the snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeenIds> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}

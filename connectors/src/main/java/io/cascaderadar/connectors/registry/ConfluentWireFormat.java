package io.cascaderadar.connectors.registry;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format of a Kafka record: magic byte 0, the schema id as a 4-byte big-endian integer, then
 * the Avro binary encoding. Every Confluent-compatible serializer (Confluent, Apicurio in ccompat mode, Karapace,
 * Redpanda) reads and writes it.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    public static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(HEADER_SIZE + avro.length).put(MAGIC).putInt(schemaId).put(avro).array();
    }

    /** The schema id of a framed record; the Avro payload starts at {@link #HEADER_SIZE}. */
    public static int schemaId(byte[] record) throws MalformedRecordException {
        if (record == null || record.length < HEADER_SIZE) {
            throw new MalformedRecordException("not in the Confluent wire format: " + (record == null ? "no value"
                    : record.length + " bytes, shorter than the 5-byte header"));
        }
        checkMagic(record[0]);
        return ByteBuffer.wrap(record, 1, 4).getInt();
    }

    /** Reads the header from a stream and returns the schema id; the stream is left at the Avro payload. */
    public static int readHeader(DataInputStream in) throws IOException {
        try {
            checkMagic(in.readByte());
            return in.readInt();
        } catch (EOFException e) {
            throw new MalformedRecordException("not in the Confluent wire format: shorter than the 5-byte header");
        }
    }

    public static void writeHeader(int schemaId, DataOutputStream out) throws IOException {
        out.writeByte(MAGIC);
        out.writeInt(schemaId);
    }

    private static void checkMagic(byte magic) throws MalformedRecordException {
        if (magic != MAGIC) {
            throw new MalformedRecordException("not in the Confluent wire format: magic byte " + magic + ", expected 0");
        }
    }
}

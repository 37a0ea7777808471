package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.schema.NullableUnionWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Avro binary encoding of one {@link LiquidationEvent} and back, with the encoder, decoder and record reused. Every
 * liquidation crosses it more than once: the replay's Avro file and the Kafka topics hold this form, and Flink's
 * Avro serializer writes and reads it where the liquidations are shuffled by venue for de-duplication. And a
 * {@link CascadeSignal} through Flink's Avro serializer, as it crosses a shuffle to breadth, the alert patterns or
 * OI flush: its windows are written by Avro's generated encoders where the JVM allows them (as the project's do).
 */
@State(Scope.Thread)
public class AvroCodecBenchmarks {
    private final SpecificDatumWriter<LiquidationEvent> writer = new NullableUnionWriter<>(LiquidationEvent.class);
    private final SpecificDatumReader<LiquidationEvent> reader = new SpecificDatumReader<>(LiquidationEvent.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final AvroSerializer<CascadeSignal> signalSerializer = new AvroSerializer<>(CascadeSignal.class);
    private final CascadeSignal signal = SampleSignal.severeBitcoin();
    private final DataOutputSerializer signalOut = new DataOutputSerializer(1024);
    private final DataInputDeserializer signalIn = new DataInputDeserializer();
    private byte[] serializedSignal;
    private List<LiquidationEvent> events;
    private byte[][] encoded;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private LiquidationEvent decodedEvent;
    private int next;

    @Setup
    public void encodeSamples() throws IOException {
        events = SampleLiquidations.generate();
        encoded = new byte[events.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encodeLiquidation();
            encoded[i] = buffer.toByteArray();
        }
        serializeSignal();
        serializedSignal = signalOut.getCopyOfBuffer();
    }

    /** A liquidation to its Avro binary form. */
    @Benchmark
    public int encodeLiquidation() throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        writer.write(events.get(next++ & SampleLiquidations.MASK), encoder);
        encoder.flush();
        return buffer.size();
    }

    /** The Avro binary form of a liquidation to the record, decoded into the previous one. */
    @Benchmark
    public LiquidationEvent decodeLiquidation() throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(encoded[next++ & SampleLiquidations.MASK], decoder);
        decodedEvent = reader.read(decodedEvent, decoder);
        return decodedEvent;
    }

    /** A signal as a shuffle writes it. */
    @Benchmark
    public int serializeSignal() throws IOException {
        signalOut.clear();
        signalSerializer.serialize(signal, signalOut);
        return signalOut.length();
    }

    /** And as the operator after the shuffle reads it, into a new record. */
    @Benchmark
    public CascadeSignal deserializeSignal() throws IOException {
        signalIn.setBuffer(serializedSignal);
        return signalSerializer.deserialize(signalIn);
    }
}

package io.cascaderadar.jobs.replay;

import io.cascaderadar.schema.NullableUnionWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/** Reads Avro container files of one record class, in file order, for a {@code FileSource}; {@link #writer} writes them. */
public class AvroFileFormat<T extends SpecificRecordBase> extends SimpleStreamFormat<T> {
    private final Class<T> type;

    public AvroFileFormat(Class<T> type) {
        this.type = type;
    }

    /** A new, uncompressed container file of {@code schema}'s records, as a replay and the benches write their inputs. */
    public static <R> DataFileWriter<R> writer(Path file, Schema schema) throws IOException {
        DataFileWriter<R> writer = new DataFileWriter<>(new NullableUnionWriter<>(schema));
        writer.setCodec(CodecFactory.nullCodec());
        return writer.create(schema, file.toFile());
    }

    @Override
    public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) throws IOException {
        DataFileStream<T> records = new DataFileStream<>(stream, new SpecificDatumReader<>(type));
        return new StreamFormat.Reader<>() {
            @Override
            public T read() {
                return records.hasNext() ? records.next() : null;
            }

            @Override
            public void close() throws IOException {
                records.close();
            }
        };
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return new AvroTypeInfo<>(type);
    }
}

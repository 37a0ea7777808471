package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.schema.NullableUnionWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;

/**
 * A history as the Avro container files a replay's job reads, one per input, each sorted by event time.
 *
 * @param prices null for a history without prices
 */
record AvroHistory(Path liquidations, Path openInterest, Path feedHealth, Path prices) {

    /** Liquidations only: the other inputs as empty files in {@code dir}. */
    static AvroHistory liquidationsOnly(Path liquidations, Path dir) throws IOException {
        return new AvroHistory(liquidations, empty(dir.resolve("open-interest.avro"), OpenInterestUpdate.getClassSchema()),
                empty(dir.resolve("feed-health.avro"), FeedHealth.getClassSchema()),
                empty(dir.resolve("prices.avro"), PriceUpdate.getClassSchema()));
    }

    /** An uncompressed container file of {@code schema}'s records, as the benches write their inputs. */
    static <T> DataFileWriter<T> writer(Path file, Schema schema) throws IOException {
        DataFileWriter<T> writer = new DataFileWriter<>(new NullableUnionWriter<>(schema));
        writer.setCodec(CodecFactory.nullCodec());
        return writer.create(schema, file.toFile());
    }

    private static Path empty(Path file, Schema schema) throws IOException {
        writer(file, schema).close();
        return file;
    }
}

package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.jobs.replay.AvroFileFormat;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;

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

    private static Path empty(Path file, Schema schema) throws IOException {
        AvroFileFormat.writer(file, schema).close();
        return file;
    }
}

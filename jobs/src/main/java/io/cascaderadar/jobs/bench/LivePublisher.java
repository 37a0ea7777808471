package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.kafka.RegistryAvroSerializer;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.jobs.config.RadarSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Synthetic liquidations into the liquidations topic as a collector writes them (Avro through the registry, keyed
 * by asset, idempotent, {@code acks=all}): history as fast as it goes, or live, each sent when its event time
 * comes. Remembers, per partition, each record's event time and its arrival time from the broker's acknowledgement.
 */
final class LivePublisher implements AutoCloseable {
    private final String topic;
    private final SyntheticLiquidations draws;
    private final RegistryAvroSerializer<LiquidationEvent> serializer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Arrivals arrivals = new Arrivals();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    LivePublisher(RadarSettings settings, SyntheticLiquidations draws) {
        this.topic = settings.topics().liquidations();
        this.draws = draws;
        this.serializer = new RegistryAvroSerializer<>(new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry())));
        this.producer = new KafkaProducer<>(settings.reliableProducer(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Calm history from {@code from} to {@code to} (epoch ms), sent at once. */
    void history(long from, long to, double perSecond) throws IOException {
        for (long second = from; second < to; second += 1000) {
            for (int millis : draws.arrivals(perSecond)) {
                send(second + millis, Phase.ANY_ASSET, false);
            }
        }
        producer.flush();
        failIfFailed();
    }

    /**
     * One phase of a live run, each liquidation stamped with and sent at its time (the wall clock, to the
     * millisecond): calm arrivals, and with them cascade arrivals, of one asset or of all.
     *
     * @return the rate achieved: liquidations over the time it took to send them
     */
    double paced(Phase phase) throws IOException, InterruptedException {
        long start = System.currentTimeMillis();
        long before = sent;
        for (long second = 0; second < phase.length().toSeconds(); second++) {
            int[] calm = draws.arrivals(phase.calmPerSecond());
            int[] cascade = draws.arrivals(phase.cascadePerSecond());
            for (int c = 0, k = 0; c < calm.length || k < cascade.length; ) {
                boolean fromCascade = c == calm.length || (k < cascade.length && cascade[k] < calm[c]);
                long due = start + second * 1000 + (fromCascade ? cascade[k++] : calm[c++]);
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                send(due, fromCascade ? phase.asset() : Phase.ANY_ASSET, fromCascade);
            }
        }
        return (sent - before) * 1000.0 / Math.max(1, System.currentTimeMillis() - start);
    }

    /**
     * A stretch of a live run.
     *
     * @param asset the asset of the cascade's liquidations, or {@link #ANY_ASSET}: all, by their weights
     */
    record Phase(Duration length, double calmPerSecond, double cascadePerSecond, int asset) {
        static final int ANY_ASSET = -1;

        static Phase calm(Duration length, double perSecond) {
            return new Phase(length, perSecond, 0, ANY_ASSET);
        }
    }

    private void send(long eventTime, int asset, boolean cascade) throws IOException {
        failIfFailed();
        String id = "live-bench:" + sent++;
        Instant time = Instant.ofEpochMilli(eventTime);
        LiquidationEvent event = asset == Phase.ANY_ASSET ? draws.next(id, time, cascade) : draws.next(id, time, cascade, asset);
        producer.send(new ProducerRecord<>(topic, event.getBaseAsset().getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, event)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        arrivals.add(metadata.partition(), eventTime, metadata.timestamp());
                    }
                });
    }

    /** What arrived, once everything sent has been acknowledged. */
    Arrivals arrivals() throws IOException {
        producer.flush();
        failIfFailed();
        return arrivals;
    }

    private void failIfFailed() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("publishing to Kafka failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Event and arrival times per partition, in the order of the partition (acknowledgements come in that order). */
    static final class Arrivals {
        private final Map<Integer, Partition> partitions = new HashMap<>();

        /** One partition's records: event times (non-decreasing, as sent) and arrival times, the first {@code size}. */
        private static final class Partition {
            long[] eventTimes = new long[1024];
            long[] arrivals = new long[1024];
            int size;
        }

        synchronized void add(int partition, long eventTime, long arrival) {
            Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
            if (p.size == p.eventTimes.length) {
                p.eventTimes = Arrays.copyOf(p.eventTimes, p.size * 2);
                p.arrivals = Arrays.copyOf(p.arrivals, p.size * 2);
            }
            p.eventTimes[p.size] = eventTime;
            p.arrivals[p.size] = arrival;
            p.size++;
        }

        /**
         * When the input's watermark could first reach {@code eventTime}: the latest, over the partitions, arrival of
         * a partition's first record at or after it; -1 if some partition never got there.
         */
        synchronized long watermarkPassing(long eventTime) {
            long latest = -1;
            for (Partition p : partitions.values()) {
                int at = Arrays.binarySearch(p.eventTimes, 0, p.size, eventTime);
                if (at < 0) {
                    at = -at - 1;
                } else {
                    while (at > 0 && p.eventTimes[at - 1] == eventTime) {
                        at--;
                    }
                }
                if (at == p.size) {
                    return -1;
                }
                latest = Math.max(latest, p.arrivals[at]);
            }
            return latest;
        }
    }
}

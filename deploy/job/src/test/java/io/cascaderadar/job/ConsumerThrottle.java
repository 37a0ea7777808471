package io.cascaderadar.job;

import io.cascaderadar.jobs.config.RadarSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * Kafka's default client quota on consumers, for as long as it is open: every consumer fetches at most a topic's
 * size over {@code reading} per second, so that a test's job takes a known time to read it however fast the
 * machine (a reader of the whole topic takes {@code reading}, a reader of half of it half as long).
 */
final class ConsumerThrottle implements AutoCloseable {
    private static final ClientQuotaEntity EVERY_CLIENT = new ClientQuotaEntity(Collections.singletonMap(ClientQuotaEntity.CLIENT_ID, null));
    private static final String CONSUMER_BYTE_RATE = "consumer_byte_rate";

    private final Admin admin;

    private ConsumerThrottle(Admin admin) {
        this.admin = admin;
    }

    static ConsumerThrottle toRead(RadarSettings settings, String topic, Duration reading) throws Exception {
        Admin admin = Admin.create(settings.kafkaClient());
        try {
            long bytes = sizeOf(admin, topic);
            long rate = Math.max(1024, bytes * 1000 / reading.toMillis());
            alter(admin, (double) rate);
            return new ConsumerThrottle(admin);
        } catch (Exception | Error e) {
            admin.close();
            throw e;
        }
    }

    /** The bytes of the topic's partitions on all brokers' log directories (one replica each on the test stack). */
    private static long sizeOf(Admin admin, String topic) throws Exception {
        List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
        long bytes = 0;
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
            for (LogDirDescription dir : dirs.values()) {
                bytes += dir.replicaInfos().entrySet().stream().filter(replica -> replica.getKey().topic().equals(topic))
                        .mapToLong(replica -> replica.getValue().size()).sum();
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("topic " + topic + " is empty: nothing to throttle");
        }
        return bytes;
    }

    /** Sets the quota (whole bytes per second), or removes it with {@code null}. */
    private static void alter(Admin admin, Double rate) throws Exception {
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(EVERY_CLIENT, List.of(new ClientQuotaAlteration.Op(CONSUMER_BYTE_RATE, rate)))))
                .all().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try (admin) {
            alter(admin, null);
        }
    }
}

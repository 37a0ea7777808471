package io.cascaderadar.jobs.live;

import io.cascaderadar.jobs.config.RadarSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the topics of the live path that do not exist yet, with the partitions and replication factor of the
 * settings. Where topics are managed elsewhere (and the principal may not create them), existing topics are
 * left as they are.
 */
public final class TopicSetup {
    private TopicSetup() {}

    /** A created topic is usable once the broker knows a leader for each partition. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + topics + " have no leader after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** @return the topics created */
    public static List<String> ensure(RadarSettings settings) throws ExecutionException, InterruptedException, TimeoutException {
        RadarSettings.Topics topics = settings.topics();
        try (Admin admin = Admin.create(settings.kafkaClient())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String input : topics.inputs()) {
                if (!existing.contains(input)) {
                    missing.add(new NewTopic(input, settings.partitions(), settings.replicationFactor()));
                }
            }
            if (!existing.contains(topics.alerts())) {
                // Alerts are few and read by trading systems: one partition by default keeps them in one order.
                missing.add(new NewTopic(topics.alerts(), settings.alertPartitions(), settings.replicationFactor())
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                String.valueOf(Math.max(1, settings.replicationFactor() - 1)))));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}

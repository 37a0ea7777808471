package io.cascaderadar.job;

import io.cascaderadar.stack.FlinkCluster;
import io.cascaderadar.stack.StackConfig;
import io.cascaderadar.stack.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local Flink session cluster for a test class, as {@code radar cluster up} starts it (a JobManager and two
 * TaskManagers, processes of their own, on free ports beside the test stack), stopped and removed after the class.
 */
final class LocalCluster implements BeforeAllCallback, AfterAllCallback {
    private final String stateBackend;
    private Path dir;
    private FlinkCluster cluster;

    LocalCluster(String stateBackend) {
        this.stateBackend = stateBackend;
    }

    FlinkCluster get() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("radar-cluster");
        StackConfig config = StackConfig.isolated(TestStack.shared().config().home(), dir);
        cluster = new FlinkCluster(config, stateBackend);
        cluster.up(FlinkCluster.DEFAULT_TASK_MANAGERS);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.down();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

package io.cascaderadar.stack.testing;

import io.cascaderadar.stack.LocalStack;
import io.cascaderadar.stack.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The local stack of a test JVM: started once, on free ports, in a fresh directory, by the same launcher as
 * {@code radar stack up}, and stopped (its directory deleted, unless {@code RADAR_KEEP_TEST_STACK} is set, for
 * its logs) when the JVM exits. Tests keep out of each other's way with topics and subjects of their own.
 */
public final class TestStack {
    private static LocalStack shared;

    private TestStack() {}

    public static synchronized LocalStack shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("radar-test-stack");
                LocalStack stack = new LocalStack(StackConfig.isolated(StackConfig.homeFromSystemProperty(), dir),
                        System.getenv());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack, dir), "test-stack-down"));
                stack.up();
                shared = stack;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** The shared stack's InfluxDB; fails clearly where it is not installed and could not be. */
    public static String influxUrl() {
        String url = shared().influxUrl();
        if (url == null) {
            throw new IllegalStateException("InfluxDB is not installed, and the stack installs it only as root with apt-get: "
                    + "apt-get install influxdb");
        }
        return url;
    }

    private static void stop(LocalStack stack, Path dir) {
        try {
            stack.down();
            if (System.getenv("RADAR_KEEP_TEST_STACK") != null) {
                System.err.println("test stack: kept in " + dir);
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("test stack: " + e.getMessage());
        }
    }
}

package io.cascaderadar.jobs.bench;

import io.cascaderadar.jobs.FileTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;

/**
 * The detector's state against the number of scopes and against the number of events: the same synthetic
 * history ({@link SyntheticHistory}) with more assets and venues at a fixed event count, then with more events
 * at fixed scopes. State is the largest checkpoint seen while the job ran (on the heap backend a checkpoint is a
 * full snapshot of the keyed state, serialized; Flink discards them when the job finishes, so they are looked at
 * while it runs); heap is the most the JVM had in use, sampled every 50 ms (with the bench's own buffers and
 * Flink's mini cluster, so only its growth means something).
 */
public final class StateFootprint {
    // Often, because the largest state is a sample: a replay passes an hour of event time in a second or two, and
    // the de-duplication's ids peak at a cascade's end (one checkpoint a second once missed a third of the peak).
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);

    /** One run: its size, the largest checkpoint and the peak heap. */
    record Footprint(int assets, int venues, long events, long stateBytes, long peakHeapBytes) {}

    private StateFootprint() {}

    public static void run(long events, long seed, int parallelism, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "state against scopes (%,d events each), then against events (50 assets x 10 venues);"
                + " largest checkpoint and peak heap%n", events);
        out.printf(Locale.ROOT, "%8s %8s %12s %14s %14s%n", "assets", "venues", "events", "state (KiB)", "heap (MiB)");
        List<int[]> scopes = List.of(new int[] {5, 2}, new int[] {20, 5}, new int[] {50, 10}, new int[] {100, 20});
        for (int[] s : scopes) {
            print(out, measure(s[0], s[1], events, seed, parallelism));
        }
        for (long n : List.of(events * 2, events * 4)) {
            print(out, measure(50, 10, n, seed, parallelism));
        }
    }

    private static void print(PrintStream out, Footprint f) {
        // A run shorter than the checkpoint interval has no checkpoint to measure.
        out.printf(Locale.ROOT, "%8d %8d %,12d %14s %,14d%n", f.assets(), f.venues(), f.events(),
                f.stateBytes() == 0 ? "none" : String.format(Locale.ROOT, "%,d", f.stateBytes() >> 10), f.peakHeapBytes() >> 20);
    }

    static Footprint measure(int assets, int venues, long events, long seed, int parallelism) throws Exception {
        Path dir = Files.createTempDirectory("radar-bench-state");
        try {
            Path avro = dir.resolve("liquidations.avro");
            SyntheticHistory.Written history = SyntheticHistory.write(events, assets, venues, seed, avro, dir.resolve("liquidations.csv"));
            Configuration conf = new Configuration();
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            System.gc();
            AtomicLong peakHeap = new AtomicLong();
            AtomicLong largestState = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                for (long sample = 0; running.get(); sample++) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    if (sample % 5 == 0) {
                        largestState.accumulateAndGet(largestCheckpoint(dir.resolve("checkpoints")), Math::max);
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap sampler");
            sampler.setDaemon(true);
            sampler.start();
            try {
                PipelineThroughput.detector(AvroHistory.liquidationsOnly(avro, dir), history.last(),
                        PipelineThroughput.environment(parallelism, conf), PipelineThroughput.Stage.LINE_PROTOCOL);
            } finally {
                running.set(false);
                sampler.join();
            }
            return new Footprint(assets, venues, history.events(), largestState.get(), peakHeap.get());
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** The largest completed checkpoint (one with its {@code _metadata}); Flink may still be removing others. */
    private static long largestCheckpoint(Path checkpoints) {
        long largest = 0;
        for (Path job : children(checkpoints)) {
            for (Path chk : children(job)) {
                List<Path> files = children(chk);
                if (chk.getFileName().toString().startsWith("chk-")
                        && files.stream().anyMatch(f -> f.getFileName().toString().equals("_metadata"))) {
                    largest = Math.max(largest, files.stream().mapToLong(f -> f.toFile().length()).sum());
                }
            }
        }
        return largest;
    }

    /** What a directory holds, or nothing when Flink removed it meanwhile. */
    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException | java.io.UncheckedIOException removed) {
            return List.of();
        }
    }
}

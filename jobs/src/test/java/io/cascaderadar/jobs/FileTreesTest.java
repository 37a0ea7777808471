package io.cascaderadar.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @Test
    void deletesATreeOrWhatItHoldsAndNothingWhenItIsGone(@TempDir Path tmp) throws Exception {
        Path dir = checkpoints(tmp.resolve("a"), 3);
        FileTrees.deleteContents(dir);
        assertThat(dir).isEmptyDirectory();

        checkpoints(dir, 3);
        FileTrees.delete(dir);
        assertThat(dir).doesNotExist();
        FileTrees.delete(dir);
    }

    /** As Flink removes subsumed checkpoints in the background while a finished job's directory is deleted. */
    @Test
    void deletesATreeWhoseCheckpointsAnotherThreadRemovesMeanwhile(@TempDir Path tmp) throws Exception {
        for (int round = 0; round < 20; round++) {
            Path dir = checkpoints(tmp.resolve("run-" + round), 200);
            AtomicBoolean started = new AtomicBoolean();
            Thread flink = new Thread(() -> {
                started.set(true);
                try {
                    for (int chk = 0; chk < 200; chk += 2) {
                        FileTrees.delete(dir.resolve("job").resolve("chk-" + chk));
                    }
                } catch (Exception e) {
                    // What this thread removes, the other may have removed first.
                }
            });
            flink.start();
            while (!started.get()) {
                Thread.onSpinWait();
            }
            FileTrees.delete(dir);
            flink.join();
            assertThat(dir).doesNotExist();
        }
    }

    private static Path checkpoints(Path dir, int count) throws Exception {
        for (int chk = 0; chk < count; chk++) {
            Path c = Files.createDirectories(dir.resolve("job").resolve("chk-" + chk));
            Files.writeString(c.resolve("_metadata"), "m");
            Files.writeString(c.resolve("state"), "s");
        }
        return dir;
    }
}

package io.cascaderadar.jobs;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes directory trees that a Flink job wrote checkpoints into. Flink removes subsumed checkpoints in the
 * background, also after the job has finished: what disappears during the walk is already deleted, and a directory
 * that got a file meanwhile is walked again.
 */
public final class FileTrees {
    private static final int ATTEMPTS = 5;

    private FileTrees() {}

    /** Deletes {@code dir} and all it holds; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        delete(dir, true);
    }

    /** Deletes all {@code dir} holds, and keeps it. */
    public static void deleteContents(Path dir) throws IOException {
        delete(dir, false);
    }

    private static void delete(Path dir, boolean itself) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.walkFileTree(dir, new Deleting(dir, itself));
                return;
            } catch (DirectoryNotEmptyException written) {
                if (attempt == ATTEMPTS) {
                    throw written;
                }
            }
        }
    }

    private static final class Deleting extends SimpleFileVisitor<Path> {
        private final Path root;
        private final boolean itself;

        Deleting(Path root, boolean itself) {
            this.root = root;
            this.itself = itself;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
            }
            if (itself || !dir.equals(root)) {
                Files.deleteIfExists(dir);
            }
            return FileVisitResult.CONTINUE;
        }
    }
}

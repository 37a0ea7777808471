package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One server of the local stack: how to prepare and start it, and how to tell that it answers. */
interface StackPart {

    String name();

    /** What clients connect to. */
    String url();

    /** False where the server is not on this machine (InfluxDB is installed by the system, not by the build). */
    boolean installed();

    /**
     * Installs the server where it is missing and the system lets the stack do it; false where it cannot (then
     * {@link #installHint()} says what the user should install).
     */
    default boolean install(Path log) throws IOException, InterruptedException {
        return false;
    }

    default String installHint() {
        return "";
    }

    /** Writes its configuration, formats its storage the first time; idempotent. */
    void prepare(Path dir) throws IOException, InterruptedException;

    /** The command that runs it in the foreground. */
    List<String> command(Path dir);

    /** Whether it answers its clients now. */
    boolean answers();

    /** How long it may take to answer after starting. */
    default Duration startupTimeout() {
        return Duration.ofSeconds(90);
    }

    /** Where it logs what went wrong, when not to its output ({@code processLog}, which it gets by default). */
    default Path diagnosticLog(Path dir, Path processLog) {
        return processLog;
    }
}

package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A part of the stack as a process of its own: started detached (it outlives the command that started it), its
 * output in {@code <dir>/<name>.log}, its pid in {@code <dir>/<name>.pid}. A pid file whose process is gone, or
 * is another program, counts as stopped.
 */
final class ManagedProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackPart part;
    private final Path dir;
    /** The process this object started, to tell how it ended (a part started by another JVM has only its pid). */
    private Process started;

    ManagedProcess(StackPart part, Path stateDir) {
        this.part = part;
        this.dir = stateDir.resolve(part.name());
    }

    Path log() {
        return dir.resolve(part.name() + ".log");
    }

    private Path pidFile() {
        return dir.resolve(part.name() + ".pid");
    }

    /** The running process of this part, if its pid file names one that is alive and was started by the stack. */
    Optional<ProcessHandle> process() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The command line names the part's state directory (where the OS tells it), so a reused pid is not ours. */
    private boolean isOurs(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(dir.toString())).orElse(true);
    }

    /** Starts the part unless it is running; does not wait for it to answer. */
    void start() throws IOException, InterruptedException {
        if (process().isPresent()) {
            return;
        }
        Files.createDirectories(dir);
        part.prepare(dir);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: a closed terminal does not hang it up
        }
        command.addAll(part.command(dir));
        started = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Files.writeString(pidFile(), Long.toString(started.pid()), StandardCharsets.UTF_8);
    }

    /** Waits until the part answers; fails with the end of its log if it dies or does not answer in time. */
    void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + part.startupTimeout().toNanos();
        while (!part.answers()) {
            if (process().isEmpty()) {
                throw new IOException(part.name() + " exited while starting" + exitStatus() + "; " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(part.name() + " does not answer at " + part.url() + " after "
                        + part.startupTimeout().toSeconds() + " s; " + tail());
            }
            Thread.sleep(250);
        }
    }

    /** Stops the part and everything it started: TERM, then KILL after a grace period. */
    void stop() throws IOException {
        Optional<ProcessHandle> running = process();
        if (running.isPresent()) {
            ProcessHandle process = running.get();
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process);
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception notYet) {
                    p.destroyForcibly();
                    p.onExit().join();
                }
            }
        }
        Files.deleteIfExists(pidFile());
    }

    /** How the process this object started ended, when it did: its exit code, or the signal that killed it. */
    private String exitStatus() {
        if (started == null || started.isAlive()) {
            return "";
        }
        int code = started.exitValue();
        return code > 128 ? " (killed by signal " + (code - 128) + ")" : " (exit code " + code + ")";
    }

    /** The end of the part's diagnostic log, with its name. */
    private String tail() throws IOException {
        Path log = part.diagnosticLog(dir, log());
        if (!Files.exists(log)) {
            return "no log at " + log;
        }
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return "the end of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}

package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian packages installed with apt-get where the machine allows it: running as root with {@code /usr/bin/apt-get}.
 * Everywhere else the caller says which {@link #hint} to run.
 */
final class Apt {
    private static final Path APT_GET = Path.of("/usr/bin/apt-get");

    private Apt() {}

    /** Whether {@link #install} can work here. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(APT_GET);
    }

    /**
     * Installs the packages, non-interactively, apt's output appended to {@code log}; refreshes the package lists
     * once where the first attempt fails (a fresh machine has none, or stale ones).
     */
    static void install(Path log, List<String> packages) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> install = new ArrayList<>(List.of("install", "-y", "-q"));
        install.addAll(packages);
        int exit = run(log, install);
        if (exit != 0) {
            run(log, List.of("update", "-q"));
            exit = run(log, install);
        }
        if (exit != 0) {
            throw new IOException("apt-get install " + String.join(" ", packages) + " failed (exit " + exit + "); see " + log);
        }
    }

    /** The command a user runs instead. */
    static String hint(List<String> packages) {
        return "sudo apt-get install " + String.join(" ", packages);
    }

    private static int run(Path log, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(APT_GET.toString());
        command.addAll(arguments);
        ProcessBuilder apt = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return apt.start().waitFor();
    }
}

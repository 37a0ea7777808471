package io.cascaderadar.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.jobs.cli.RadarCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The radar command line, as the cluster tests use it. */
final class RadarCommands {
    private RadarCommands() {}

    /** What a radar command printed on stdout, stripped; it must succeed. */
    static String stdoutOf(String... command) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(RadarCli.execute(command)).as("radar " + String.join(" ", command)).isZero();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}

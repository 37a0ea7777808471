package io.cascaderadar.connectors.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recorded market data of {@code ../shared/data}, read in place (its licences forbid copying it into the
 * repository). Tests find it through {@code RADAR_RECORDED_DATA}; without that variable they look beside the
 * checkout, and are skipped when it is nowhere, unless {@code RADAR_REQUIRE_RECORDED_DATA=1} (CI sets it) makes
 * its absence a failure.
 */
public final class RecordedData {

    private RecordedData() {}

    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("recorded data file missing: " + file);
        }
        return file;
    }

    public static Path dir() {
        String configured = System.getenv("RADAR_RECORDED_DATA");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("RADAR_RECORDED_DATA=" + configured + " is not a directory");
            }
            return dir;
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        String message = "recorded data not found: set RADAR_RECORDED_DATA to the shared/data folder";
        if ("1".equals(System.getenv("RADAR_REQUIRE_RECORDED_DATA"))) {
            throw new IllegalStateException(message);
        }
        assumeTrue(false, message);
        throw new AssertionError("unreachable");
    }
}

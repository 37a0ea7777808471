package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a Java installation of at least a given version: Apicurio Registry needs 21 while the project runs on 17. */
final class JavaRuntimes {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

    private JavaRuntimes() {}

    /**
     * {@code RADAR_REGISTRY_JAVA_HOME} if set, else the running Java if new enough, else the newest under
     * /usr/lib/jvm that is.
     */
    static Path javaOfAtLeast(int feature, Map<String, String> env) throws IOException {
        String configured = env.get("RADAR_REGISTRY_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (version(home).orElse(0) < feature) {
                throw new IOException("RADAR_REGISTRY_JAVA_HOME=" + home + " is not a Java " + feature + " or newer");
            }
            return home.resolve("bin/java");
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        if (Files.isDirectory(SYSTEM_JVMS)) {
            try (Stream<Path> homes = Files.list(SYSTEM_JVMS)) {
                homes.forEach(candidates::add);
            }
        }
        return candidates.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")) && version(home).orElse(0) >= feature)
                .max(Comparator.comparing(home -> version(home).orElse(0)))
                .map(home -> home.resolve("bin/java"))
                .orElseThrow(() -> new IOException("the schema registry (Apicurio Registry) needs Java " + feature
                        + " or newer and none was found (" + System.getProperty("java.home") + ", " + SYSTEM_JVMS
                        + "); install one, or point RADAR_REGISTRY_JAVA_HOME at it"));
    }

    /** The feature version in a Java home's {@code release} file. */
    private static Optional<Integer> version(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package io.cascaderadar.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The research notebooks' Python (notebooks/): Jupyter's {@code jupyter-nbconvert} and a Python that imports
 * pandas, matplotlib, the InfluxDB client, nbclient and ipykernel. Found on the PATH; where missing, installed with
 * apt as root, else an error that says which packages to install. Runs a notebook headless as {@code radar test} does.
 */
public final class Jupyter {
    /** The Debian packages of everything the notebooks use. */
    public static final List<String> PACKAGES = List.of("jupyter-nbconvert", "python3-nbclient", "python3-ipykernel",
            "python3-pandas", "python3-matplotlib", "python3-influxdb");
    private static final String MODULES = "pandas, matplotlib, influxdb, nbclient, ipykernel";
    private static final int ERROR_LINES = 60;

    private final Path nbconvert;

    private Jupyter(Path nbconvert) {
        this.nbconvert = nbconvert;
    }

    /**
     * The notebooks' environment: found, or installed with apt where this runs as root (its output appended to
     * {@code log}); otherwise an {@link IOException} naming the packages to install.
     */
    public static Jupyter ensure(Path log) throws IOException, InterruptedException {
        Optional<Jupyter> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!Apt.available()) {
            throw new IOException("the notebooks need jupyter-nbconvert and a Python with " + MODULES
                    + "; on Debian/Ubuntu run: " + Apt.hint(PACKAGES));
        }
        Apt.install(log, PACKAGES);
        return find().orElseThrow(() -> new IOException("apt-get installed " + String.join(" ", PACKAGES)
                + " but jupyter-nbconvert or one of " + MODULES + " is still missing; see " + log));
    }

    /** A {@code jupyter-nbconvert} on the PATH (or in /usr/bin) whose Python imports every module the notebooks use. */
    static Optional<Jupyter> find() throws InterruptedException {
        List<Path> candidates = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "jupyter-nbconvert"))
                .filter(Files::isExecutable)
                .distinct()
                .toList();
        for (Path candidate : candidates) {
            if (imports(python(candidate))) {
                return Optional.of(new Jupyter(candidate));
            }
        }
        return Optional.empty();
    }

    /** The Python that runs a script: its {@code #!} interpreter when that is a path, else {@code python3}. */
    private static String python(Path script) {
        try (BufferedReader reader = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
            String first = reader.readLine();
            if (first != null && first.startsWith("#!/")) {
                String interpreter = first.substring(2).strip().split("\\s+")[0];
                if (!interpreter.endsWith("/env")) {
                    return interpreter;
                }
            }
        } catch (IOException e) {
            // not a readable script (a binary launcher): the PATH's Python
        }
        return "python3";
    }

    private static boolean imports(String python) throws InterruptedException {
        try {
            Process check = new ProcessBuilder(python, "-c", "import " + MODULES)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Executes a notebook headless ({@code jupyter nbconvert --to notebook --execute}) in its own directory, with
     * {@code environment} over this process's (a null value removes a variable), each cell given at most
     * {@code cellTimeout}; writes the executed notebook, with its outputs, to {@code outDir} and returns its path.
     * A failing cell fails the run with nbconvert's error (the cell's traceback) in the exception.
     */
    public Path execute(Path notebook, Path outDir, Map<String, String> environment, Duration cellTimeout)
            throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        String name = notebook.getFileName().toString();
        Path log = outDir.resolve(name.replaceFirst("\\.ipynb$", "") + ".nbconvert.log");
        ProcessBuilder builder = new ProcessBuilder(nbconvert.toString(), "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=" + cellTimeout.toSeconds(), "--output-dir", outDir.toString(),
                notebook.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        Process process = builder.start();
        long limit = 2 * cellTimeout.toSeconds() + 120;
        if (!process.waitFor(limit, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException(name + ": nbconvert did not finish within " + limit + " s; " + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new IOException(name + ": nbconvert failed (exit " + process.exitValue() + "):\n" + tail(log));
        }
        return outDir.resolve(name);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
    }
}

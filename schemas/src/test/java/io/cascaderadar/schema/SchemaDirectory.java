package io.cascaderadar.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** The schemas of one directory laid out like src/main/avro: shared types in common/, one record per file beside it. */
final class SchemaDirectory {

    private SchemaDirectory() {}

    /** Top-level schemas by simple name (the file name without .avsc); common types are parsed first. */
    static Map<String, Schema> load(Path dir) {
        Schema.Parser parser = new Schema.Parser();
        Path common = dir.resolve("common");
        if (Files.isDirectory(common)) {
            avscFiles(common).forEach(file -> parse(parser, file));
        }
        Map<String, Schema> schemas = new TreeMap<>();
        for (Path file : avscFiles(dir)) {
            String name = file.getFileName().toString().replace(".avsc", "");
            schemas.put(name, parse(parser, file));
        }
        return schemas;
    }

    static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (Surefire sets it)");
        }
        return Path.of(value);
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> avscFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.cascaderadar.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema evolves BACKWARD-compatibly: a consumer with the current schema reads data written with
 * any released version. Released versions live in {@code schemas/released/<n>/}; before a release, copy
 * {@code src/main/avro} there as the next number.
 */
class SchemaEvolutionTest {

    private static final List<String> CONTRACTS = List.of(
            "LiquidationEvent", "OpenInterestUpdate", "FeedHealth",
            "CascadeSignal", "OpenInterestStress", "DeleveragingAlert");

    private final Map<String, Schema> current = SchemaDirectory.load(SchemaDirectory.property("radar.schemas.dir"));
    private final List<Map<String, Schema>> released = releasedVersions();

    @Test
    void everyContractOfTheDesignIsDefined() {
        assertThat(current.keySet()).containsAll(CONTRACTS);
    }

    @Test
    void everyContractHasAReleasedVersion() {
        assertThat(released).isNotEmpty();
        assertThat(released.get(released.size() - 1).keySet()).containsAll(CONTRACTS);
    }

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            for (Map.Entry<String, Schema> old : released.get(i).entrySet()) {
                Schema reader = current.get(old.getKey());
                if (reader == null) {
                    problems.add(old.getKey() + " was released as version " + (i + 1) + " and is gone");
                    continue;
                }
                problems.addAll(incompatibilities(reader, old.getValue(), "version " + (i + 1)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachReleasedVersionReadsItsPredecessor() {
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < released.size(); i++) {
            for (Map.Entry<String, Schema> old : released.get(i - 1).entrySet()) {
                Schema reader = released.get(i).get(old.getKey());
                if (reader != null) {
                    problems.addAll(incompatibilities(reader, old.getValue(), "version " + i));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckRefusesARequiredFieldWithoutDefault() {
        Schema liquidation = current.get("LiquidationEvent");
        Schema broken = withField(liquidation,
                new Schema.Field("fundingRate", Schema.create(Schema.Type.DOUBLE), "no default", (Object) null));
        assertThat(incompatibilities(broken, liquidation, "current")).isNotEmpty();
    }

    @Test
    void theCheckAcceptsAnOptionalFieldWithDefault() {
        Schema liquidation = current.get("LiquidationEvent");
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE));
        Schema evolved = withField(liquidation,
                new Schema.Field("fundingRate", optional, "optional", Schema.Field.NULL_DEFAULT_VALUE));
        assertThat(incompatibilities(evolved, liquidation, "current")).isEmpty();
    }

    @Test
    void theCheckRefusesAnEnumSymbolRemovedWithoutDefault() {
        Schema alert = current.get("DeleveragingAlert");
        Schema severity = alert.getField("severity").schema();
        Schema narrowed = Schema.createEnum(severity.getName(), severity.getDoc(), severity.getNamespace(),
                List.of("WARNING", "CRITICAL"));
        Schema reader = Schema.createRecord("Probe", null, "io.cascaderadar.avro", false,
                List.of(new Schema.Field("severity", narrowed, null, (Object) null)));
        Schema writer = Schema.createRecord("Probe", null, "io.cascaderadar.avro", false,
                List.of(new Schema.Field("severity", severity, null, (Object) null)));
        assertThat(incompatibilities(reader, writer, "probe")).isNotEmpty();
    }

    private static List<String> incompatibilities(Schema reader, Schema writer, String label) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(inc -> reader.getName() + " cannot read " + label + ": " + inc.getType() + " at "
                        + inc.getLocation() + " (" + inc.getMessage() + ")")
                .toList();
    }

    private static Schema withField(Schema record, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static List<Map<String, Schema>> releasedVersions() {
        Path root = SchemaDirectory.property("radar.schemas.released");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .sorted(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString())))
                    .map(SchemaDirectory::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

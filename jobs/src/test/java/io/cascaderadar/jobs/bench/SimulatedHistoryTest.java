package io.cascaderadar.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cascaderadar.connectors.csv.InputFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedHistoryTest {

    @Test
    void aHistoryWrittenIntoADirectoryIsKeptForTheSameSizeAndSeedOnly(@TempDir Path dir) throws Exception {
        assertThat(SimulatedHistory.kept(5_000, 1, dir)).as("nothing written yet").isNull();

        SimulatedHistory.Written written = SimulatedHistory.write(5_000, 1, dir);

        assertThat(written.liquidations()).isEqualTo(5_000);
        assertThat(SimulatedHistory.kept(5_000, 1, dir)).isEqualTo(written);
        assertThat(SimulatedHistory.kept(5_001, 1, dir)).as("another size").isNull();
        assertThat(SimulatedHistory.kept(5_000, 2, dir)).as("another seed").isNull();
    }

    @Test
    void aHistoryCutShortIsNotKept(@TempDir Path dir) throws Exception {
        SimulatedHistory.write(5_000, 1, dir);
        // A second write that fails half-way (here: the CSV cannot be written) leaves no history to keep.
        Path csv = dir.resolve("liquidations.csv");
        Files.delete(csv);
        Files.createDirectory(csv);

        assertThat(catchThrowable(() -> SimulatedHistory.write(5_000, 1, dir))).isNotNull();
        assertThat(SimulatedHistory.kept(5_000, 1, dir)).isNull();
    }

    @Test
    void aDescriptionEditedByHandIsAClearErrorNamingTheValue(@TempDir Path dir) throws Exception {
        SimulatedHistory.write(5_000, 1, dir);
        Path description = dir.resolve("history.properties");
        String text = Files.readString(description);

        Files.writeString(description, text.replaceAll("(?m)^prices=.*$", ""));
        assertThat(catchThrowable(() -> SimulatedHistory.kept(5_000, 1, dir))).isInstanceOf(InputFileException.class)
                .hasMessageContaining("cannot read prices").hasMessageContaining("missing")
                .hasMessageContaining("delete " + dir);

        Files.writeString(description, text.replaceAll("(?m)^first=.*$", "first=yesterday"));
        assertThat(catchThrowable(() -> SimulatedHistory.kept(5_000, 1, dir))).isInstanceOf(InputFileException.class)
                .hasMessageContaining("cannot read first").hasMessageContaining("'yesterday'");
    }
}

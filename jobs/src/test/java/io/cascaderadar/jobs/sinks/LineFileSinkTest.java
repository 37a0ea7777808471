package io.cascaderadar.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineFileSinkTest {

    /** Lines given as ranges inside a larger array (a record's points, split again) are written each as itself. */
    @Test
    void linesGivenAsRangesOfAnArrayAreWrittenEachOnItsOwnLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("points.lp");
        SinkWriter<byte[]> writer = new LineFileSink<byte[]>(file, false, LineFormat::eachLine).createWriter(null);
        writer.write(LineFormat.utf8("a,k=v x=1 1\nb x=22 2\nc x=333 3"), null);
        writer.write(LineFormat.utf8("é x=4 4"), null);
        writer.flush(true);
        writer.close();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("a,k=v x=1 1\nb x=22 2\nc x=333 3\né x=4 4\n");
    }
}

package io.cascaderadar.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LinesWithCountTest {

    /**
     * A record's lines travel as one array and come apart again as they were made, however many there are, though
     * each was made in the same buffer as the one before, as a point's builder makes them.
     */
    @Test
    void aRecordsLinesTravelTogetherAndComeApartAsTheyWereMade() throws Exception {
        byte[] buffer = new byte[32];
        LineFormat<String> words = (text, lines) -> {
            for (String word : text.split(" ", -1)) {
                if (!word.equals("-")) {
                    byte[] bytes = LineFormat.utf8(word);
                    System.arraycopy(bytes, 0, buffer, 2, bytes.length);
                    lines.line(buffer, 2, 2 + bytes.length);
                }
            }
        };
        List<String> records = List.of("a,b=1 x=2 3", "single", "-", "p q r s t u", "é ü");
        try (OneInputStreamOperatorTestHarness<String, byte[]> harness =
                new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(new LinesWithCount<>("lines", words)))) {
            harness.open();
            for (String record : records) {
                harness.processElement(record, 0);
            }
            List<byte[]> sent = harness.extractOutputValues();
            assertThat(sent).as("one array a record, none for a record without lines").hasSize(4);
            List<String> lines = new ArrayList<>();
            for (byte[] joined : sent) {
                LineFormat.eachLine(joined, (line, from, to) -> lines.add(new String(line, from, to - from, StandardCharsets.UTF_8)));
            }
            assertThat(lines).containsExactly("a,b=1", "x=2", "3", "single", "p", "q", "r", "s", "t", "u", "é", "ü");
            assertThat(new String(sent.get(0), StandardCharsets.UTF_8)).isEqualTo("a,b=1\nx=2\n3");
        }
    }
}

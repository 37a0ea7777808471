package io.cascaderadar.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void splitsQuotedFieldsWithCommasAndQuotes() {
        assertThat(CsvLine.split("a,\"b,c\",\"say \"\"hi\"\"\",,d"))
                .containsExactly("a", "b,c", "say \"hi\"", "", "d");
    }

    @Test
    void anUnclosedQuoteIsNotALine() {
        assertThat(CsvLine.split("a,\"b,c")).isNull();
    }

    @Test
    void joinQuotesOnlyWhatNeedsIt() {
        List<String> fields = Arrays.asList("plain", "with,comma", "with \"quote\"", null);
        String line = CsvLine.join(fields);
        assertThat(line).isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",");
        assertThat(CsvLine.split(line)).containsExactly("plain", "with,comma", "with \"quote\"", "");
    }
}

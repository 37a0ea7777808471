package io.cascaderadar.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void splitsQuotedFieldsWithCommasAndQuotes() {
        assertThat(CsvLine.split("a,\"b,c\",\"say \"\"hi\"\"\",,d"))
                .containsExactly("a", "b,c", "say \"hi\"", "", "d");
    }

    @Test
    void aLineWithoutQuotesSplitsAsTheQuotedPathSplitsIt() {
        Random random = new Random(11);
        String alphabet = ",,,ab ;\t\u00e9\u20ac.-";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(CsvLine.split(line.toString())).as(line.toString())
                    .isEqualTo(CsvLine.splitQuoted(line.toString()));
        }
        assertThat(CsvLine.split("")).containsExactly("");
        assertThat(CsvLine.split(",a,,")).containsExactly("", "a", "", "");
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

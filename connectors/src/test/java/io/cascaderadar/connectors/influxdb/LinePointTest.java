package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LinePointTest {

    @Test
    void escapesTagsAndStringsAndTypesFields() {
        String line = LinePoint.measurement("alerts")
                .tag("venue", "binance usdm,x=y")
                .tag("empty", "")
                .field("summary", "say \"hi\" \\ now")
                .field("count", 3L)
                .field("usd", 1.5e10)
                .field("nan", Double.NaN)
                .field("flush", true)
                .time(Instant.ofEpochMilli(1760130900123L))
                .toLine();
        assertThat(line).isEqualTo("alerts,venue=binance\\ usdm\\,x\\=y count=3i,flush=true,summary=\"say \\\"hi\\\" \\\\ now\",usd=1.5e10 1760130900123");
    }

    /** A measurement, tag key and tag value escaped once are written as those escaped in place: '=' only in tags. */
    @Test
    void namesEscapedOnceAreWrittenAsTheStringsAre() {
        String measurement = "a=b, é";
        String tag = "k=1, é";
        String inPlace = LineBuilder.measurement(measurement).tag(tag, tag).field("f", 1L).end(7);
        String once = LineBuilder.measurement(LineBuilder.Key.measurement(measurement))
                .tag(LineBuilder.Key.of(tag), LineBuilder.Key.of(tag)).field("f", 1L).end(7);
        assertThat(once).isEqualTo(inPlace).isEqualTo("a=b\\,\\ é,k\\=1\\,\\ é=k\\=1\\,\\ é f=1i 7");
    }

    @Test
    void anyTextIsWrittenAsUtf8AndLongPointsGrowTheBuffer() {
        String longSummary = "ä,\"".repeat(300);
        String line = LinePoint.measurement("prix é")
                .tag("asset", "币安 😀\nx")
                .field("summary", longSummary + "\ud83d")
                .field("min", Long.MIN_VALUE)
                .field("max", Long.MAX_VALUE)
                .time(Instant.ofEpochMilli(-1))
                .toLine();
        assertThat(line).isEqualTo("prix\\ é,asset=币安\\ 😀\\ x"
                + " max=9223372036854775807i,min=-9223372036854775808i,summary=\""
                + longSummary.replace("\"", "\\\"") + "?\" -1");
    }

    @Test
    void writesKeysSortedAndKeepsTheLastValueOfAKeyGivenTwice() {
        LinePoint point = LinePoint.measurement("m").tag("z", "1").tag("a", "2").tag("z", "3");
        for (int i = 20; i >= 1; i--) {
            point.field(String.format("f%02d", i), (long) i);
        }
        String line = point.field("f07", 0.5).field("tiny", 1.0e-7).time(Instant.ofEpochMilli(5)).toLine();

        StringBuilder fields = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            fields.append(i == 1 ? "" : ",").append(String.format("f%02d=", i)).append(i == 7 ? "0.5" : i + "i");
        }
        assertThat(line).isEqualTo("m,a=2,z=3 " + fields + ",tiny=1.0e-7 5");
    }

    @Test
    void floatsAreWrittenAsJavaWritesThem() {
        double[] values = {0.0, -0.0, 1.0, -42.0, 9_999_999.0, 1e7, -1e7, 123_456_789.0, 0.001, 1e-4, 2.5, -1234.5678,
            Double.MIN_VALUE, Double.MAX_VALUE, 4_503_599_627_370_497.0};
        for (double v : values) {
            String line = LinePoint.measurement("m").field("v", v).time(Instant.ofEpochMilli(1)).toLine();
            assertThat(line).isEqualTo("m v=" + Double.toString(v).replace('E', 'e') + " 1");
        }
    }

    @Test
    void aPointWithoutFieldsIsRefused() {
        assertThatThrownBy(() -> LinePoint.measurement("m").field("x", Double.NaN).toLine())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachPointEndsWithItsOwnTimeWhateverTheTimeBefore() throws Exception {
        long[] times = {Long.MIN_VALUE, 0, -1, 0, 1_760_130_000_000L, 1_760_130_000_000L, Long.MAX_VALUE};
        List<String> lines = new ArrayList<>();
        // On a thread of its own: its writer has ended no point yet.
        Thread writer = new Thread(() -> {
            for (long time : times) {
                lines.add(LineBuilder.measurement("m").field("v", 1L).end(time));
            }
        });
        writer.start();
        writer.join();
        assertThat(lines).containsExactly(LongStream.of(times).mapToObj(t -> "m v=1i " + t).toArray(String[]::new));
    }

    @Test
    void windowLabels() {
        assertThat(SignalPoints.windowLabel(10)).isEqualTo("10s");
        assertThat(SignalPoints.windowLabel(300)).isEqualTo("5m");
        assertThat(SignalPoints.windowLabel(3600)).isEqualTo("1h");
    }
}

package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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

    @Test
    void aPointWithoutFieldsIsRefused() {
        assertThatThrownBy(() -> LinePoint.measurement("m").field("x", Double.NaN).toLine())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void windowLabels() {
        assertThat(SignalPoints.windowLabel(10)).isEqualTo("10s");
        assertThat(SignalPoints.windowLabel(300)).isEqualTo("5m");
        assertThat(SignalPoints.windowLabel(3600)).isEqualTo("1h");
    }
}

package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.jobs.testing.Events;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    @Test
    void dropsRepeatsWithinTheHorizonAndForgetsIdsAfterIt() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Deduplicator(Duration.ofMinutes(10))),
                LiquidationEvent::getEventId, Types.STRING);
        h.open();
        LiquidationEvent e = Events.liquidation("bybit", "BTC", 1_000_000, 5_000, true);
        LiquidationEvent other = Events.liquidation("bybit", "BTC", 1_000_000, 5_000, true);
        h.processElement(e, 1_000_000);
        h.processElement(e, 1_000_000);
        h.processElement(other, 1_000_000);
        h.processWatermark(1_000_000 + 5 * 60_000);
        h.processElement(e, 1_000_000 + 6 * 60_000);
        assertThat(h.extractOutputValues()).containsExactly(e, other);

        h.processWatermark(1_000_000 + 20 * 60_000);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}

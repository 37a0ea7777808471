package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.testing.Events;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** On the heap, and on RocksDB, where what the de-duplication changes counts only once it is written back. */
class DeduplicatorTest {

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void dropsRepeatsWithinTheHorizonAndForgetsIdsAfterIt(boolean rocksDb) throws Exception {
        var h = harness(Duration.ofMinutes(10), rocksDb);
        LiquidationEvent e = Events.liquidation("bybit", "BTC", 1_000_000, 5_000, true);
        LiquidationEvent other = Events.liquidation("bybit", "BTC", 1_000_000, 5_000, true);
        send(h, e);
        send(h, e);
        send(h, other);
        h.processWatermark(1_000_000 + 5 * 60_000);
        h.processElement(VenueLiquidation.of(e), 1_000_000 + 6 * 60_000);
        assertThat(ids(h)).containsExactly(id(e), id(other));

        h.processWatermark(1_000_000 + 20 * 60_000);
        assertCleanedUp(h, rocksDb);
        h.close();
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void aRetractionTakesBackACountedLiquidationOnceAndTheSameLiquidationMinedAgainCountsAgain(boolean rocksDb)
            throws Exception {
        var h = harness(Duration.ofMinutes(60), rocksDb);
        LiquidationEvent e = Events.liquidation("aave-v3", "ETH", 1_000_000, 50_000, false);
        LiquidationEvent retraction = LiquidationEvent.newBuilder(e).setRetracted(true).build();
        LiquidationEvent remined = LiquidationEvent.newBuilder(e).setEventTime(e.getEventTime().plusSeconds(24)).build();
        send(h, e);
        send(h, e);
        send(h, retraction);
        send(h, retraction);
        send(h, remined);
        send(h, remined);

        assertThat(h.extractOutputValues()).as("counted, taken back once, mined again in the new chain")
                .extracting(VenueLiquidation::retracted, v -> v.time)
                .containsExactly(tuple(false, 1_000_000L), tuple(true, 1_000_000L), tuple(false, 1_024_000L));
        assertThat(h.getSideOutput(Deduplicator.UNMATCHED_RETRACTIONS)).isNullOrEmpty();

        h.processWatermark(1_000_000 + 2 * 3_600_000L);
        assertCleanedUp(h, rocksDb);
        h.close();
    }

    @Test
    void aRetractionOfALiquidationNeverCountedIsADeadLetter() throws Exception {
        var h = harness(Duration.ofMinutes(60), false);
        LiquidationEvent retraction = LiquidationEvent.newBuilder(Events.liquidation("aave-v3", "ETH", 1_000_000, 50_000, false))
                .setRetracted(true).build();
        send(h, retraction);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.getSideOutput(Deduplicator.UNMATCHED_RETRACTIONS)).extracting(StreamRecord::getValue).singleElement()
                .satisfies((DeadLetter d) -> {
                    assertThat(d.reason).isEqualTo(RejectReason.RETRACTED);
                    assertThat(d.detail).contains(retraction.getEventId()).contains("not counted");
                    assertThat(d.input).contains("\"retracted\":true");
                });
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, VenueLiquidation, ?> h, LiquidationEvent e)
            throws Exception {
        h.processElement(VenueLiquidation.of(e), e.getEventTime().toEpochMilli());
    }

    private static long id(LiquidationEvent e) {
        return VenueLiquidation.of(e).id;
    }

    private static java.util.List<Long> ids(KeyedOneInputStreamOperatorTestHarness<String, VenueLiquidation, VenueLiquidation> h) {
        return h.extractOutputValues().stream().map(v -> v.id).toList();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, VenueLiquidation, VenueLiquidation> harness(
            Duration horizon, boolean rocksDb) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Deduplicator(horizon)),
                v -> v.venue, Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        return h;
    }

    private static void assertCleanedUp(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, boolean rocksDb) {
        if (!rocksDb) {
            assertThat(h.numKeyedStateEntries()).isZero(); // the harness counts entries on the heap only
        }
        assertThat(h.numEventTimeTimers()).isZero();
    }
}

package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.testing.Events;
import java.time.Duration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SourceGateTest {

    @Test
    void eventsBehindTheirSourcesWatermarkBecomeDeadLettersWithTheRecord() throws Exception {
        OneInputStreamOperatorTestHarness<LiquidationEvent, LiquidationEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new SourceGate<>("liquidations", Duration.ZERO));
        LiquidationEvent onTime = Events.liquidation("okx", "ETH", 100_000, 1_000, false);
        LiquidationEvent late = Events.liquidation("okx", "ETH", 40_000, 2_000, false);
        h.processWatermark(50_000);
        h.processElement(onTime, 100_000);
        h.processElement(late, 40_000);

        assertThat(h.extractOutputValues()).containsExactly(onTime);
        assertThat(h.getSideOutput(SourceGate.LATE)).extracting(StreamRecord::getValue).singleElement()
                .satisfies((DeadLetter d) -> {
                    assertThat(d.reason).isEqualTo(RejectReason.LATE_EVENT);
                    assertThat(d.source).isEqualTo("liquidations");
                    assertThat(d.input).contains("\"eventTime\":40000").contains(late.getEventId());
                });
        h.close();
    }

    @Test
    void eventsLateByLessThanTheAllowedLatenessPassOnAndLaterOnesAreDeadLetters() throws Exception {
        OneInputStreamOperatorTestHarness<LiquidationEvent, LiquidationEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new SourceGate<>("liquidations", Duration.ofMinutes(10)));
        LiquidationEvent minutesBehind = Events.liquidation("aave-v3", "ETH", 1_000_000 - 240_000, 5_000, false);
        LiquidationEvent tooLate = Events.liquidation("aave-v3", "ETH", 1_000_000 - 600_000, 5_000, false);
        h.processWatermark(1_000_000);
        h.processElement(minutesBehind, minutesBehind.getEventTime().toEpochMilli());
        h.processElement(tooLate, tooLate.getEventTime().toEpochMilli());

        assertThat(h.extractOutputValues()).containsExactly(minutesBehind);
        assertThat(h.getSideOutput(SourceGate.LATE)).extracting(StreamRecord::getValue).singleElement()
                .satisfies((DeadLetter d) -> {
                    assertThat(d.reason).isEqualTo(RejectReason.LATE_EVENT);
                    assertThat(d.detail).contains("allowed lateness");
                    assertThat(d.input).contains(tooLate.getEventId());
                });
        h.close();
    }

    @Test
    void aRetractionIsACorrectionAndPassesHoweverLate() throws Exception {
        OneInputStreamOperatorTestHarness<LiquidationEvent, LiquidationEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new SourceGate<>("liquidations", Duration.ZERO));
        LiquidationEvent event = Events.liquidation("aave-v3", "ETH", 100_000, 5_000, false);
        LiquidationEvent retraction = LiquidationEvent.newBuilder(event).setRetracted(true).build();
        h.processElement(event, 100_000);
        h.processWatermark(10_000_000);
        h.processElement(retraction, 100_000);

        assertThat(h.extractOutputValues()).containsExactly(event, retraction);
        assertThat(h.getSideOutput(SourceGate.LATE)).isNullOrEmpty();
        h.close();
    }
}

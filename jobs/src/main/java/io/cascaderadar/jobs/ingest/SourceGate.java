package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The first operator after each source, chained to it. It sends events that arrive behind their own source's
 * watermark (later than the allowed out-of-orderness) to the dead letters: judged here, against this source
 * alone, lateness does not depend on how fast other sources run, which keeps replays deterministic. A retraction
 * (a liquidation whose block a chain reorg orphaned) is never counted as a liquidation: it goes to the dead letters
 * as RETRACTED, so that it is seen and counted; the detector does not yet take back an event it has counted. It also
 * counts what came in and what came late: the replay's progress bar and summary read these accumulators.
 */
public class SourceGate<T extends SpecificRecord> extends ProcessFunction<T, T> {

    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-events") {};

    private final String stream;
    private transient LongCounter records;
    private transient LongCounter late;

    public SourceGate(String stream) {
        this.stream = stream;
    }

    public static String recordsAccumulator(String stream) {
        return "records." + stream;
    }

    public static String lateAccumulator(String stream) {
        return "late." + stream;
    }

    @Override
    public void open(OpenContext openContext) {
        records = new LongCounter();
        late = new LongCounter();
        getRuntimeContext().addAccumulator(recordsAccumulator(stream), records);
        getRuntimeContext().addAccumulator(lateAccumulator(stream), late);
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) {
        records.add(1L);
        long t = ctx.timestamp();
        long watermark = ctx.timerService().currentWatermark();
        if (t <= watermark) {
            late.add(1L);
            ctx.output(LATE, new DeadLetter(stream, RejectReason.LATE_EVENT,
                    "event time " + t + " is behind the watermark " + watermark, AvroJson.toJson(value)));
            return;
        }
        if (value instanceof LiquidationEvent e && e.getRetracted()) {
            ctx.output(LATE, new DeadLetter(stream, RejectReason.RETRACTED,
                    "withdrawn by a chain reorg: " + e.getEventId(), AvroJson.toJson(value)));
            return;
        }
        out.collect(value);
    }
}

package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The first operator after each source, chained to it. It sends events that arrive behind their own source's
 * watermark by more than the allowed lateness to the dead letters: judged here, against this source alone,
 * lateness does not depend on how fast other sources run, which keeps replays deterministic. Events late by less
 * pass on and amend the windows they belong to downstream. A retraction (a liquidation whose block a chain reorg
 * orphaned) always passes on, however old: it is a correction, and the de-duplication stage, which knows whether
 * its liquidation was counted, decides. It also counts what came in and what came late: the replay's progress bar
 * and summary read these accumulators.
 */
public class SourceGate<T extends SpecificRecord> extends ProcessFunction<T, T> {

    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-events") {};

    private final String stream;
    private final long allowedLatenessMillis;
    private transient LongCounter records;
    private transient LongCounter late;

    public SourceGate(String stream, Duration allowedLateness) {
        this.stream = stream;
        this.allowedLatenessMillis = allowedLateness.toMillis();
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
        boolean retraction = value instanceof LiquidationEvent e && e.getRetracted();
        if (!retraction && watermark != Long.MIN_VALUE && t <= watermark - allowedLatenessMillis) {
            late.add(1L);
            ctx.output(LATE, new DeadLetter(stream, RejectReason.LATE_EVENT, "event time " + t
                    + " is behind the watermark " + watermark + " by more than the allowed lateness", AvroJson.toJson(value)));
            return;
        }
        out.collect(value);
    }
}

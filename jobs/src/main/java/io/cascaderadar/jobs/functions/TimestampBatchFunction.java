package io.cascaderadar.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Collects what arrives for each timestamp and hands it over as one batch once the watermark has passed it,
 * when every record of that timestamp has arrived, from whichever upstream subtask. Subclasses sort the
 * batch, so their output does not depend on the order in which parallel inputs happened to arrive.
 */
public abstract class TimestampBatchFunction<T, OUT> extends KeyedProcessFunction<String, T, OUT> {
    private final TypeInformation<T> type;
    private transient MapState<Long, List<T>> pending;

    protected TimestampBatchFunction(TypeInformation<T> type) {
        this.type = type;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(type)));
    }

    @Override
    public final void processElement(T value, Context ctx, Collector<OUT> out) throws Exception {
        long t = ctx.timestamp();
        List<T> batch = pending.get(t);
        if (batch == null) {
            batch = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(t);
        }
        batch.add(value);
        pending.put(t, batch);
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        List<T> batch = pending.get(timestamp);
        pending.remove(timestamp);
        onBatch(timestamp, batch, out);
    }

    /** Everything that arrived with this timestamp. */
    protected abstract void onBatch(long timestamp, List<T> batch, Collector<OUT> out) throws Exception;
}

package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A liquidation counts for the whole market, its venue type, its asset and its venue. Right after the
 * de-duplication, on each ingest subtask, this sums the liquidations per scope and evaluation step and sends a
 * step's sums when the watermark passes its end: the shuffle to the scopes then carries one record per scope and
 * step instead of four per liquidation (at a crash's tens of thousands a second, thousands of times fewer).
 *
 * <p>The sums leave just before the watermark that lets the scopes evaluate the step. A liquidation whose step the
 * watermark has passed already (within the allowed lateness), or a retraction of one, leaves at once, alone, and
 * amends the scopes' windows. Each sum adds its liquidations in the order they came, and a replay's single ingest
 * subtask sends one per scope and step: a scope's sums are those it made when every liquidation was sent alone,
 * to the last bit, whatever the pace of the watermarks. That is why this is an operator and not a function keyed
 * by venue: the sums of several venues would reach a scope in the order their timers fire, which depends on when
 * they were registered, and floating-point sums depend on their order.
 */
public class ScopeStepSums extends AbstractStreamOperator<ScopedLiquidations>
        implements OneInputStreamOperator<VenueLiquidation, ScopedLiquidations> {

    private final long stepMillis;
    /** The steps still open, by their start. */
    private transient TreeMap<Long, StepScopes> open;
    /** The open step the last liquidation went to, where most of the next go: found without boxing its start. */
    private transient StepScopes current;
    private transient ListState<StepScopes> checkpointed;
    private transient long watermark;

    public ScopeStepSums(Duration step) {
        this.stepMillis = step.toMillis();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("open-steps", TypeInformation.of(StepScopes.class)));
        open = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        // After a rescale one subtask may get the open steps of several: the sums of a step are merged.
        for (StepScopes step : checkpointed.get()) {
            open.merge(step.stepStart, step, StepScopes::addAll);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(new ArrayList<>(open.values()));
    }

    @Override
    public void processElement(StreamRecord<VenueLiquidation> record) {
        VenueLiquidation e = record.getValue();
        long stepStart = Math.floorDiv(e.time, stepMillis) * stepMillis;
        if (stepStart + stepMillis - 1 <= watermark) {
            emit(new StepScopes(stepStart).add(e));
        } else {
            if (current == null || current.stepStart != stepStart) {
                current = open.computeIfAbsent(stepStart, StepScopes::new);
            }
            current.add(e);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        while (!open.isEmpty() && open.firstKey() + stepMillis - 1 <= watermark) {
            StepScopes step = open.pollFirstEntry().getValue();
            if (step == current) {
                current = null; // its sums are on their way: never added to again
            }
            emit(step);
        }
        super.processWatermark(mark);
    }

    private void emit(StepScopes step) {
        for (ScopedLiquidations sums : step.byScope.values()) {
            output.collect(new StreamRecord<>(sums, step.stepStart));
        }
    }

    /** The sums of one step, by scope id. A Flink POJO. */
    public static class StepScopes {
        public long stepStart;
        public Map<String, ScopedLiquidations> byScope = new HashMap<>();
        /**
         * The same sums by scope and key (not checkpointed): an event finds its four without building their ids, a
         * string each, which cost a fifth of a replay's ingest thread.
         */
        private transient EnumMap<Scope, Map<String, ScopedLiquidations>> byKey;

        public StepScopes() {}

        StepScopes(long stepStart) {
            this.stepStart = stepStart;
        }

        StepScopes add(VenueLiquidation e) {
            sums(Scope.MARKET, ScopeKeys.ALL).add(e);
            sums(Scope.MARKET, ScopeKeys.marketOf(e.venueType)).add(e);
            sums(Scope.ASSET, e.baseAsset).add(e);
            sums(Scope.VENUE, e.venue).add(e);
            return this;
        }

        private ScopedLiquidations sums(Scope scope, String key) {
            Map<String, ScopedLiquidations> ofScope = byKey().computeIfAbsent(scope, s -> new HashMap<>());
            ScopedLiquidations sums = ofScope.get(key);
            if (sums == null) {
                sums = new ScopedLiquidations(scope, key, stepStart);
                ofScope.put(key, sums);
                byScope.put(sums.scopeId, sums);
            }
            return sums;
        }

        private EnumMap<Scope, Map<String, ScopedLiquidations>> byKey() {
            if (byKey == null) {
                byKey = new EnumMap<>(Scope.class);
                for (ScopedLiquidations sums : byScope.values()) {
                    byKey.computeIfAbsent(sums.scope, s -> new HashMap<>()).put(sums.key, sums);
                }
            }
            return byKey;
        }

        StepScopes addAll(StepScopes other) {
            other.byScope.forEach((id, sums) -> byScope.merge(id, sums, (mine, theirs) -> {
                mine.add(theirs);
                return mine;
            }));
            byKey = null;
            return this;
        }
    }
}

package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.jobs.config.PatternConfig;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * RESOLUTION: after an ELEVATED step, the scope CALM with full feed coverage for the resolution period
 * (a step inside a feed gap restarts the count: a gap is unknown, not calm).
 */
public final class Resolution implements PatternMatcher<CascadeSignal> {

    private final PatternConfig config;

    public Resolution(PatternConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "pattern-resolution";
    }

    @Override
    public Pattern<CascadeSignal, ?> pattern() {
        long calmSeconds = config.resolveAfter().toSeconds();
        SimpleCondition<CascadeSignal> elevated = SimpleCondition.of(s -> Signals.atLeast(s, IntensityLevel.ELEVATED));
        // Only the latest elevated step waits for the calm: one partial match per scope, not one per elevated step
        // of an episode (hundreds, each tried against every signal for up to the longest episode).
        return Pattern.<CascadeSignal>begin("active", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(elevated)
                .notFollowedBy("elevated-again").where(elevated)
                .followedBy("calm")
                .where(SimpleCondition.of(s -> s.getCalmSeconds() >= calmSeconds))
                .within(config.maxEpisode());
    }

    @Override
    public FilterFunction<CascadeSignal> input() {
        return new ElevatedThenCalm(config.resolveAfter().toSeconds());
    }

    /** Elevated steps and calm-enough ones: of the latter, {@link ElevatedThenCalm} keeps the first after elevated. */
    @Override
    public boolean mayUse(CascadeSignal s) {
        return Signals.atLeast(s, IntensityLevel.ELEVATED) || s.getCalmSeconds() >= config.resolveAfter().toSeconds();
    }

    @Override
    public PatternMatch toMatch(Map<String, List<CascadeSignal>> match) {
        // Severity is not the resolution's to say: the lifecycle keeps the alert's.
        return PatternMatch.of(AlertPattern.RESOLUTION, Severity.WATCH, match.get("active").get(0),
                match.get("calm").get(0));
    }

    /**
     * Elevated steps, and the first calm-enough step after them: a calm scope is calm enough at every step, and CEP
     * would buffer each only to find nothing waiting for it. A scope's signals come in step order: one operator
     * subtask evaluates its steps in order (cascade intensity, or breadth for the market), and a shuffle keeps the
     * order of what one subtask sends. A scope without state yet (a first run, or a savepoint from before this
     * filter, whose CEP may hold an episode) counts as waiting, so its next calm-enough step passes.
     */
    static final class ElevatedThenCalm extends RichFilterFunction<CascadeSignal> {
        private final long calmSeconds;
        private transient ValueState<Boolean> waitingForCalm;

        ElevatedThenCalm(long calmSeconds) {
            this.calmSeconds = calmSeconds;
        }

        @Override
        public void open(OpenContext openContext) {
            waitingForCalm = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-for-calm", Types.BOOLEAN));
        }

        @Override
        public boolean filter(CascadeSignal s) throws Exception {
            if (Signals.atLeast(s, IntensityLevel.ELEVATED)) {
                waitingForCalm.update(true);
                return true;
            }
            if (s.getCalmSeconds() < calmSeconds || Boolean.FALSE.equals(waitingForCalm.value())) {
                return false;
            }
            waitingForCalm.update(false);
            return true;
        }
    }
}

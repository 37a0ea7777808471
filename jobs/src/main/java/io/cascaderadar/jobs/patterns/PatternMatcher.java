package io.cascaderadar.jobs.patterns;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.pattern.Pattern;

/** One CEP pattern: its definition, and how a match becomes a {@link PatternMatch}. */
public interface PatternMatcher<IN> extends Serializable {

    /** Operator name and uid. */
    String name();

    Pattern<IN, ?> pattern();

    PatternMatch toMatch(Map<String, List<IN>> match);

    /**
     * What of its input the pattern can use, as a filter right before its CEP operator, on the keyed stream (so it
     * may keep keyed state); null for all of it. CEP buffers every event until the watermark passes it and tries it
     * against the partial matches, and most steps are calm: a pattern that cannot use them need not pay for them.
     * The filter must keep every event that could start, continue, break or end a match, so the matches are the same.
     */
    default FilterFunction<IN> input() {
        return null;
    }

    /**
     * Whether the pattern may use an event, judged from the event alone: true for everything {@link #input} keeps.
     * Patterns that share a shuffle are sent only what one of them may use ({@link Patterns#anyMayUse}).
     */
    default boolean mayUse(IN event) {
        return true;
    }
}

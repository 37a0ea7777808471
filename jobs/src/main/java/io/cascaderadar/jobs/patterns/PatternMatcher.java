package io.cascaderadar.jobs.patterns;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.pattern.Pattern;

/** One CEP pattern: its definition, and how a match becomes a {@link PatternMatch}. */
public interface PatternMatcher<IN> extends Serializable {

    /** Operator name and uid. */
    String name();

    Pattern<IN, ?> pattern();

    PatternMatch toMatch(Map<String, List<IN>> match);
}

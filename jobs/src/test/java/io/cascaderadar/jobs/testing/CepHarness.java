package io.cascaderadar.jobs.testing;

import io.cascaderadar.jobs.patterns.PatternMatch;
import io.cascaderadar.jobs.patterns.PatternMatcher;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.adaptors.PatternSelectAdapter;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A pattern's CEP operator in Flink's keyed operator test harness, in event time, as the job runs it. */
public final class CepHarness {

    private CepHarness() {}

    public static <IN> KeyedOneInputStreamOperatorTestHarness<String, IN, PatternMatch> of(
            PatternMatcher<IN> matcher, TypeInformation<IN> type, KeySelector<IN, String> key,
            EventComparator<IN> tieBreak) throws Exception {
        Pattern<IN, ?> pattern = matcher.pattern();
        CepOperator<IN, String, PatternMatch> operator = new CepOperator<>(
                type.createSerializer(new SerializerConfigImpl()), false,
                NFACompiler.compileFactory(pattern, false), tieBreak, pattern.getAfterMatchSkipStrategy(),
                new PatternSelectAdapter<>(matcher::toMatch), null);
        KeyedOneInputStreamOperatorTestHarness<String, IN, PatternMatch> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, key, Types.STRING);
        harness.open();
        return harness;
    }
}

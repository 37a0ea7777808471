package io.cascaderadar.jobs.patterns;

import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.PatternStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Runs a {@link PatternMatcher} over a keyed stream in event time, as one named operator with a stable uid. */
public final class Patterns {

    private Patterns() {}

    public static <IN> SingleOutputStreamOperator<PatternMatch> match(KeyedStream<IN, String> input,
            PatternMatcher<IN> matcher) {
        return select(CEP.pattern(input(input, matcher), matcher.pattern()), matcher);
    }

    /** With a tie-break for events of the same timestamp, so that matching does not depend on arrival order. */
    public static <IN> SingleOutputStreamOperator<PatternMatch> match(KeyedStream<IN, String> input,
            PatternMatcher<IN> matcher, EventComparator<IN> tieBreak) {
        return select(CEP.pattern(input(input, matcher), matcher.pattern(), tieBreak), matcher);
    }

    /**
     * Several patterns over one keyed stream, in one task: the stream crosses its shuffle once, into a pass-through,
     * and each pattern's CEP operator chains after it. A keyed stream given to each pattern instead would be
     * serialized, sent and deserialized once per pattern, each in a task (a thread) of its own. The patterns see the
     * same records, which none of them changes.
     */
    public static <IN> DataStream<PatternMatch> matchAll(KeyedStream<IN, String> input,
            List<? extends PatternMatcher<IN>> matchers, String uid, String name) {
        KeyedStream<IN, String> shared = DataStreamUtils.reinterpretAsKeyedStream(
                input.map(record -> record).returns(input.getType()).uid(uid).name(name),
                input.getKeySelector(), input.getKeyType());
        DataStream<PatternMatch> matches = match(shared, matchers.get(0));
        for (PatternMatcher<IN> matcher : matchers.subList(1, matchers.size())) {
            matches = matches.union(match(shared, matcher));
        }
        return matches;
    }

    /** What one of the matchers {@linkplain PatternMatcher#mayUse may use}: before a shuffle that they share. */
    public static <IN> FilterFunction<IN> anyMayUse(List<? extends PatternMatcher<IN>> matchers) {
        List<PatternMatcher<IN>> all = List.copyOf(matchers);
        return event -> {
            for (PatternMatcher<IN> m : all) {
                if (m.mayUse(event)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The matcher's {@link PatternMatcher#input} filter, chained to the keyed input: still keyed, no new shuffle. */
    private static <IN> KeyedStream<IN, String> input(KeyedStream<IN, String> input, PatternMatcher<IN> matcher) {
        FilterFunction<IN> filter = matcher.input();
        if (filter == null) {
            return input;
        }
        return DataStreamUtils.reinterpretAsKeyedStream(
                input.filter(filter).uid(matcher.name() + "-input").name(matcher.name() + " input"),
                input.getKeySelector(), input.getKeyType());
    }

    private static <IN> SingleOutputStreamOperator<PatternMatch> select(PatternStream<IN> stream,
            PatternMatcher<IN> matcher) {
        return stream.inEventTime()
                .select(matcher::toMatch, TypeInformation.of(PatternMatch.class))
                .uid(matcher.name())
                .name(matcher.name());
    }
}

package io.cascaderadar.jobs.sinks;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Formats each record as its lines, all of them in one byte array joined by line breaks ({@link LineFormat#eachLine}
 * gives them apart again), and counts the lines in an accumulator, so a summary need not read the file again. One
 * array per record rather than per line: a signal's six points cross the shuffle to their sink as one record, and
 * each record has its costs on both sides of a shuffle.
 */
public class LinesWithCount<T> extends RichFlatMapFunction<T, byte[]> {
    private final String accumulator;
    private final LineFormat<T> format;
    private transient LongCounter lines;
    private transient List<byte[]> made;

    public LinesWithCount(String accumulator, LineFormat<T> format) {
        this.accumulator = accumulator;
        this.format = format;
    }

    @Override
    public void open(OpenContext openContext) {
        lines = new LongCounter();
        getRuntimeContext().addAccumulator(accumulator, lines);
        made = new ArrayList<>();
    }

    @Override
    public void flatMap(T record, Collector<byte[]> out) {
        made.clear();
        format.format(record, made::add);
        lines.add(made.size());
        if (made.size() == 1) {
            out.collect(made.get(0));
        } else if (!made.isEmpty()) {
            out.collect(joined(made));
        }
    }

    private static byte[] joined(List<byte[]> lines) {
        int length = lines.size() - 1;
        for (byte[] line : lines) {
            length += line.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] line : lines) {
            if (at > 0) {
                joined[at++] = '\n';
            }
            System.arraycopy(line, 0, joined, at, line.length);
            at += line.length;
        }
        return joined;
    }
}

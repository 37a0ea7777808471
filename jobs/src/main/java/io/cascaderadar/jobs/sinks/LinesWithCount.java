package io.cascaderadar.jobs.sinks;

import io.cascaderadar.connectors.influxdb.Utf8Lines;
import java.util.Arrays;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Formats each record as its lines, all of them in one byte array joined by line breaks ({@link LineFormat#eachLine}
 * gives them apart again), and counts the lines in an accumulator, so a summary need not read the file again. One
 * array per record rather than per line: a signal's six points cross the shuffle to their sink as one record, and
 * each record has its costs on both sides of a shuffle. The lines are joined in a buffer kept from one record to the
 * next, as they are made, and the record's array is its one copy.
 */
public class LinesWithCount<T> extends RichFlatMapFunction<T, byte[]> {
    private final String accumulator;
    private final LineFormat<T> format;
    private transient LongCounter lines;
    private transient Utf8Lines append;
    /** The record's lines so far, joined: {@code length} bytes, {@code count} lines. */
    private transient byte[] joined;
    private transient int length;
    private transient int count;

    public LinesWithCount(String accumulator, LineFormat<T> format) {
        this.accumulator = accumulator;
        this.format = format;
    }

    @Override
    public void open(OpenContext openContext) {
        lines = new LongCounter();
        getRuntimeContext().addAccumulator(accumulator, lines);
        append = this::append;
        joined = new byte[4096];
    }

    @Override
    public void flatMap(T record, Collector<byte[]> out) {
        length = 0;
        count = 0;
        format.format(record, append);
        lines.add(count);
        if (count > 0) {
            out.collect(Arrays.copyOf(joined, length));
        }
    }

    private void append(byte[] line, int from, int to) {
        int needed = length + 1 + to - from;
        if (needed > joined.length) {
            joined = Arrays.copyOf(joined, Math.max(2 * joined.length, needed));
        }
        if (count > 0) {
            joined[length++] = '\n';
        }
        System.arraycopy(line, from, joined, length, to - from);
        length += to - from;
        count++;
    }
}

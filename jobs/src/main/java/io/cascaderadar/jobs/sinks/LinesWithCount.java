package io.cascaderadar.jobs.sinks;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** Formats records as lines and counts them in an accumulator, so a summary need not read the file again. */
public class LinesWithCount<T> extends RichFlatMapFunction<T, byte[]> {
    private final String accumulator;
    private final LineFormat<T> format;
    private transient LongCounter lines;

    public LinesWithCount(String accumulator, LineFormat<T> format) {
        this.accumulator = accumulator;
        this.format = format;
    }

    @Override
    public void open(OpenContext openContext) {
        lines = new LongCounter();
        getRuntimeContext().addAccumulator(accumulator, lines);
    }

    @Override
    public void flatMap(T record, Collector<byte[]> out) {
        format.format(record, line -> {
            lines.add(1L);
            out.collect(line);
        });
    }
}

package io.cascaderadar.connectors.csv;

import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.List;

/**
 * One of the project's own CSV formats, read and written with the same columns: a row is parsed, then judged by
 * the {@link InputRules} against the time of reading.
 */
public abstract class NormalizedCsvFormat<T> implements CsvReadFormat<T>, CsvWriteFormat<T> {
    private final String name;
    private final List<String> required;
    private final List<String> header;
    protected final InputRules rules;
    protected final Instant now;

    protected NormalizedCsvFormat(String name, List<String> required, List<String> header, InputRules rules,
            Instant now) {
        this.name = name;
        this.required = required;
        this.header = header;
        this.rules = rules;
        this.now = now;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> requiredColumns() {
        return required;
    }

    @Override
    public final List<String> header() {
        return header;
    }

    @Override
    public final T fromRow(CsvRow row) throws Rejection {
        T record = parse(row);
        check(record);
        return record;
    }

    /** The record of a row, or what is wrong with its syntax. */
    protected abstract T parse(CsvRow row) throws Rejection;

    /** What is wrong with the record's values, by the input rules. */
    protected abstract void check(T record) throws Rejection;
}

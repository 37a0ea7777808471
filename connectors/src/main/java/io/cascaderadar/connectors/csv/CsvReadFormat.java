package io.cascaderadar.connectors.csv;

import io.cascaderadar.connectors.validation.Rejection;
import java.util.List;

/** How the rows of one kind of CSV file become records. */
public interface CsvReadFormat<T> {

    /** A short name for messages, e.g. "liquidations". */
    String name();

    /** Columns the header must have; others are optional. */
    List<String> requiredColumns();

    /**
     * The columns of files published without a header row (Binance's older data.binance.vision files), or empty
     * when a header is required. A file whose first line starts with a number is then read with these columns.
     */
    default List<String> impliedHeader() {
        return List.of();
    }

    /** The record of one row, or a rejection saying what is wrong with it. */
    T fromRow(CsvRow row) throws Rejection;
}

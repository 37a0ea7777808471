package io.cascaderadar.connectors.csv;

import java.util.List;

/** How records of one kind are written as CSV rows. */
public interface CsvWriteFormat<T> {

    List<String> header();

    /** The fields of one row, in header order; null for a blank field. */
    List<String> toRow(T record);
}

package io.cascaderadar.jobs.sinks;

import java.io.Serializable;
import java.util.function.Consumer;

/** How one record becomes lines of text (one JSON line, or several line-protocol points). */
@FunctionalInterface
public interface LineFormat<T> extends Serializable {
    void format(T record, Consumer<String> lines);
}

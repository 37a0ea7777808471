package io.cascaderadar.connectors.validation;

import java.util.Objects;

/**
 * A rejected input with the reason: where it came from ({@code file:line} or a stream name), the reason,
 * a human-readable detail and the input itself (the raw line, or the record as JSON). A Flink POJO.
 */
public class DeadLetter {
    public String source;
    public RejectReason reason;
    public String detail;
    public String input;

    public DeadLetter() {}

    public DeadLetter(String source, RejectReason reason, String detail, String input) {
        this.source = source;
        this.reason = reason;
        this.detail = detail;
        this.input = input;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && Objects.equals(source, d.source) && reason == d.reason
                && Objects.equals(detail, d.detail) && Objects.equals(input, d.input);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, reason, detail, input);
    }

    @Override
    public String toString() {
        return source + ": " + reason + " (" + detail + ")";
    }
}

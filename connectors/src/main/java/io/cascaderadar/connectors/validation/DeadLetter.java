package io.cascaderadar.connectors.validation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A rejected input with the reason: where it came from ({@code file:line}, a stream name or
 * {@code topic[partition]@offset}), the reason, a human-readable detail and the input itself: the raw line or
 * the record as JSON in {@code input}, or, for a Kafka record that could not be decoded, its bytes exactly as
 * read in {@code payload}, so that nothing is lost. A Flink POJO.
 */
public class DeadLetter {
    public String source;
    public RejectReason reason;
    public String detail;
    public String input;
    public byte[] payload;

    public DeadLetter() {}

    public DeadLetter(String source, RejectReason reason, String detail, String input) {
        this.source = source;
        this.reason = reason;
        this.detail = detail;
        this.input = input;
    }

    /** A record that could not be decoded, kept byte for byte. */
    public static DeadLetter undecodable(String source, RejectReason reason, String detail, byte[] payload) {
        DeadLetter d = new DeadLetter(source, reason, detail, null);
        d.payload = payload;
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && Objects.equals(source, d.source) && reason == d.reason
                && Objects.equals(detail, d.detail) && Objects.equals(input, d.input)
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, reason, detail, input, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return source + ": " + reason + " (" + detail + ")";
    }
}

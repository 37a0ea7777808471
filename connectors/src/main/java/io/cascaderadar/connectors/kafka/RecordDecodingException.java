package io.cascaderadar.connectors.kafka;

import io.cascaderadar.connectors.validation.RejectReason;
import org.apache.kafka.common.errors.SerializationException;

/** A Kafka record that cannot be decoded, and why (one of the Kafka {@link RejectReason}s): the record's fault. */
public final class RecordDecodingException extends SerializationException {
    private final RejectReason reason;

    public RecordDecodingException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}

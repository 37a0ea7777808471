package io.cascaderadar.jobs.formats;

import io.cascaderadar.connectors.validation.RejectReason;

/** A Kafka record that cannot be decoded, and why: its fault, not the infrastructure's (see {@link RecordDecoder}). */
public final class UndecodableRecordException extends Exception {
    private final RejectReason reason;

    public UndecodableRecordException(RejectReason reason, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}

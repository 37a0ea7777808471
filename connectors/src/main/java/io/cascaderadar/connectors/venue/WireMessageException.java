package io.cascaderadar.connectors.venue;

import io.cascaderadar.connectors.validation.RejectReason;

/** A wire message that cannot be decoded, with the reason its dead letter carries. */
public class WireMessageException extends Exception {
    private final RejectReason reason;

    public WireMessageException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}

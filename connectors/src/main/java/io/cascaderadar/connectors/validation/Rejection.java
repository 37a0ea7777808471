package io.cascaderadar.connectors.validation;

/** A record refused by a rule or a parser: the reason and what exactly was wrong. */
public class Rejection extends Exception {
    private final RejectReason reason;

    public Rejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public DeadLetter toDeadLetter(String source, String input) {
        return new DeadLetter(source, reason, getMessage(), input);
    }
}

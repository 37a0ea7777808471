package io.cascaderadar.connectors.registry;

import java.io.IOException;

/**
 * The schema registry refused a request or could not be reached. {@link #kind()} tells a record's fault (an
 * unknown schema id) from the infrastructure's (the registry down, access refused), which callers treat
 * differently: the first is a dead letter, the second a retry.
 */
public final class SchemaRegistryException extends IOException {

    public enum Kind {
        /** No answer: connection refused, timeout, TLS failure. */
        UNREACHABLE,
        /** The subject, version or schema id does not exist (Confluent error codes 40401, 40402, 40403). */
        NOT_FOUND,
        /** The schema breaks the subject's compatibility rule (409). */
        INCOMPATIBLE,
        /** The schema is not valid Avro for the registry (422, 42201). */
        INVALID,
        /** 401 or 403. */
        UNAUTHORIZED,
        /** Any other answer: 5xx and the unexpected. */
        SERVER
    }

    private final Kind kind;
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(Kind kind, int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, 0 when it gave none. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }
}

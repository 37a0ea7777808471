package io.cascaderadar.connectors.influxdb;

import java.io.IOException;

/** InfluxDB refused a request, or could not be reached; the kind says whether trying again can help. */
public class InfluxException extends IOException {

    public enum Kind {
        /** Not reachable, timed out, 5xx or 429: worth trying again later. */
        UNAVAILABLE,
        /** 400: the points or the statement are at fault (a parse error, a type conflict, outside retention). */
        REJECTED,
        /** 413: the batch is too large for the server. */
        TOO_LARGE,
        /** 401 or 403: the credentials are missing or wrong. */
        UNAUTHORIZED,
        /** 404: the database (or the retention policy) does not exist. */
        NOT_FOUND,
        /** Any other answer. */
        OTHER
    }

    private final Kind kind;
    private final int status;

    public InfluxException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 where there was no answer. */
    public int status() {
        return status;
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Kind.REJECTED;
            case 413 -> Kind.TOO_LARGE;
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> Kind.UNAVAILABLE;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.OTHER;
        };
    }
}

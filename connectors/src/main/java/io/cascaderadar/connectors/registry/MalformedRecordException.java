package io.cascaderadar.connectors.registry;

import java.io.IOException;

/** Bytes that are not in the Confluent wire format: too short for its header, or a magic byte other than 0. */
public final class MalformedRecordException extends IOException {
    public MalformedRecordException(String message) {
        super(message);
    }
}

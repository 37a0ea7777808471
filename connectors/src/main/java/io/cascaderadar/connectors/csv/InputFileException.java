package io.cascaderadar.connectors.csv;

/** A whole input file cannot be used (missing, unreadable, or a header without the required columns). */
public class InputFileException extends Exception {
    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

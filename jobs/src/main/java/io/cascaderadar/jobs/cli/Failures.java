package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.csv.InputFileException;

/**
 * One line for a failure: the message of the input problem, or of the project's own exception nearest the cause
 * (it says what was being done: "eth_getLogs failed on every endpoint ..."), or the root cause of anything else.
 */
final class Failures {
    private Failures() {}

    static String describe(Throwable e) {
        if (e instanceof InputFileException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        Throwable root = e;
        Throwable ours = null;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof InputFileException) {
                return root.getMessage();
            }
            if (root.getClass().getName().startsWith("io.cascaderadar.")) {
                ours = root;
            }
            root = root.getCause();
        }
        return ours != null ? ours.getMessage() : "failed: " + root;
    }
}

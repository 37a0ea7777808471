package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.csv.InputFileException;

/** One line for a failure: the message of the input problem, or the root cause of anything else. */
final class Failures {
    private Failures() {}

    static String describe(Throwable e) {
        if (e instanceof InputFileException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof InputFileException) {
                return root.getMessage();
            }
            root = root.getCause();
        }
        return "failed: " + root;
    }
}

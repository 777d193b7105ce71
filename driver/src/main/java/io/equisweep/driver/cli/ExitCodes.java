package io.equisweep.driver.cli;

/** Process exit codes of every command. */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** An unexpected error (a bug, or the cluster went away). */
    public static final int ERROR = 1;
    /** Bad input: command line, spec file, results path. Nothing was written. */
    public static final int BAD_INPUT = 2;
    /** The sweep ran to the end but some cells are failed, diverged or invalid. */
    public static final int CELLS_NOT_OK = 3;

    private ExitCodes() {
    }
}

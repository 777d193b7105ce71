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
    /** {@code compare}: some claim of the paper is contradicted by the sweep (significantly, at α = 0.05). */
    public static final int CLAIM_CONTRADICTED = 4;
    /** {@code compare}: no claim is contradicted, but some are inconclusive or lack the cells to decide them. */
    public static final int CLAIMS_UNSETTLED = 5;

    private ExitCodes() {
    }
}

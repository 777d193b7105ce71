package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellState;

/** Which cells of a sweep a run executes, given each cell's stored state. */
public enum RerunPolicy {
    /** Everything not yet done: pending cells and failed, diverged or invalid ones (the default). */
    NOT_OK,
    /** Only cells whose latest attempt failed or diverged. */
    FAILED_ONLY,
    /** Every cell, even those already {@code ok}. */
    ALL,
    /** Only the stale cells: ok, but computed by an older numerics version than this build's. */
    STALE;

    /** Whether a cell in {@code state} (and {@code stale}: ok from an older numerics version) runs. */
    public boolean runs(CellState state, boolean stale) {
        return switch (this) {
            case NOT_OK -> !state.done();
            case FAILED_ONLY -> state.retriedOnRetryFailed();
            case ALL -> true;
            case STALE -> stale;
        };
    }

    /** The command line that runs with this policy. */
    public String command() {
        return switch (this) {
            case NOT_OK -> "run";
            case FAILED_ONLY -> "run --retry-failed";
            case ALL -> "run --force";
            case STALE -> "run --rerun-stale";
        };
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellState;

/** Which cells of a sweep a run executes, given each cell's stored state. */
public enum RerunPolicy {
    /** Everything not yet done: pending cells and failed, diverged or invalid ones (the default). */
    NOT_OK,
    /** Only cells whose latest attempt failed or diverged. */
    FAILED_ONLY,
    /** Every cell, even those already {@code ok}. */
    ALL;

    public boolean runs(CellState state) {
        return switch (this) {
            case NOT_OK -> !state.done();
            case FAILED_ONLY -> state.retriedOnRetryFailed();
            case ALL -> true;
        };
    }
}

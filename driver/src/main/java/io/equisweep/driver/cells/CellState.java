package io.equisweep.driver.cells;

import io.equisweep.workers.cell.CellStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The state of a cell in a results root: {@link #PENDING} when it has never been committed, else the outcome
 * of its latest attempt ({@code LatestAttempt} defines "latest"). Parsed once, where {@code cells} rows are
 * read.
 */
public enum CellState {
    PENDING, OK, FAILED, DIVERGED, INVALID;

    /** The word the tables, {@code status} and the report use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the cell has a result that counts: a plain {@code run} skips it. */
    public boolean done() {
        return this == OK;
    }

    /** Whether {@code run --retry-failed} runs it again: its latest attempt failed or diverged. */
    public boolean retriedOnRetryFailed() {
        return this == FAILED || this == DIVERGED;
    }

    public static CellState of(CellStatus status) {
        return valueOf(status.name());
    }

    /** A stored {@code status} value; an unknown one is an error naming the valid values. */
    public static CellState parse(String stored) {
        for (CellStatus status : CellStatus.values()) {
            if (status.tableName().equals(stored)) {
                return of(status);
            }
        }
        throw new IllegalArgumentException("unknown cell status '" + stored + "' in the cells table; valid: "
                + Arrays.stream(CellStatus.values()).map(CellStatus::tableName).collect(Collectors.joining(", ")));
    }
}

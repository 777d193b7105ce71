package io.equisweep.workers.cell;

import java.util.Locale;

/** How a cell attempt ended. */
public enum CellStatus {
    /** Trained and evaluated. */
    OK,
    /** Training produced a non-finite loss; stopped early. */
    DIVERGED,
    /** An error stopped the cell; the message says which. */
    FAILED,
    /** The cell's configuration cannot run (e.g. input too small for the architecture). */
    INVALID;

    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.spec.PlannedCell;

/** Told of every cell attempt of a run once it is committed (in commit order, on the committing thread). */
@FunctionalInterface
public interface CellListener {
    void committed(PlannedCell cell, CellAttempt attempt);
}

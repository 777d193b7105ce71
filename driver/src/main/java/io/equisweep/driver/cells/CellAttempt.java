package io.equisweep.driver.cells;

import io.equisweep.workers.cell.CellResult;

/**
 * A cell result plus where and on which try it ran.
 *
 * @param attempt 1 for the first attempt of the Spark task, 2 for its first retry, ...
 */
public record CellAttempt(CellResult result, String executorId, String host, int attempt) {
}

package io.equisweep.driver.spec;

import io.equisweep.workers.arch.ExactnessReport;
import io.equisweep.workers.cell.CellSpec;

/**
 * A cell of an expanded grid, with what the driver knows before running it.
 *
 * @param config           the canonical config its id hashes
 * @param datasetIdentity  the dataset identity inside that config
 * @param estimatedSeconds single-core training plus evaluation time from {@link CostModel}
 */
public record PlannedCell(CellSpec spec, String config, String datasetIdentity, ExactnessReport exactness,
                          double estimatedSeconds) {
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.data.DatasetLocalizer;
import io.equisweep.workers.cell.CellSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a {@code data-parallel} cell from the driver: the cell's data, network, evaluation and metrics
 * live here, and only the minibatch steps go to the executors (see {@link ParameterAveragingFitter}).
 * Such cells run after the single-task cells, one at a time, each using the whole cluster.
 */
final class DataParallelCell {
    private DataParallelCell() {
    }

    static CellAttempt run(SparkSession spark, String sweep, CellSpec cell) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobDescription("equisweep " + sweep + ": data-parallel cell " + cell.id() + " " + cell.label());
        try {
            return RunCellFunction.runHere(cell,
                    () -> ExecutorDatasets.load(DatasetLocalizer.localize(cell.dataset(), sc.hadoopConfiguration())),
                    new ParameterAveragingFitter(sc, cell.training(), cell.seed()), "driver", 1);
        } finally {
            sc.setJobDescription(null);
        }
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.data.DatasetException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a {@code data-parallel} cell from the driver: the network, evaluation and metrics live here, and the
 * minibatch steps go to the executors, which build the minibatches from the driver's recipes on their own copy of
 * the cell's data (see {@link ParameterAveragingFitter}). The driver prepares the cell's data as a single task
 * would, for the training-accuracy subset, validation and test: for streamed datasets that reads the images it
 * evaluates on, never a training epoch. Such cells run after the single-task cells, one at a time, each using the
 * whole cluster.
 */
final class DataParallelCell {
    private DataParallelCell() {
    }

    static CellAttempt run(SparkSession spark, String sweep, CellSpec cell) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobDescription("equisweep " + sweep + ": data-parallel cell " + cell.id() + " " + cell.label());
        try {
            DatasetBroadcasts datasets;
            try {
                datasets = DatasetBroadcasts.create(sc, List.of(cell.dataset()));
            } catch (DatasetException e) {
                return new CellAttempt(CellResult.stopped(cell.id(), CellStatus.FAILED, e.getMessage(),
                        System.currentTimeMillis(), ""), "driver", RunCellFunction.hostName(), 1);
            }
            RunCellFunction.applyEvaluationCacheBudget();
            return new CellAttempt(io.equisweep.workers.CellRunner.runPrepared(cell,
                    () -> BuildBatchFunction.prepared(cell, datasets),
                    new ParameterAveragingFitter(sc, cell, datasets)), "driver", RunCellFunction.hostName(), 1);
        } finally {
            sc.setJobDescription(null);
        }
    }
}

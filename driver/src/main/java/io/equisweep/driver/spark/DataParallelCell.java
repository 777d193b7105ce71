package io.equisweep.driver.spark;

import io.equisweep.driver.data.DatasetLocalizer;
import io.equisweep.workers.CellRunner;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.DatasetException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
            DatasetSpec dataset = DatasetLocalizer.localize(cell.dataset(), sc.hadoopConfiguration());
            CellSpec local = new CellSpec(cell.id(), cell.architecture(), cell.inputSize(), cell.symmetry(), cell.seed(),
                    dataset, cell.training(), cell.evaluation());
            return new CellAttempt(CellRunner.run(local, new ParameterAveragingFitter(sc, cell.training(), cell.seed())),
                    "driver", hostName(), 1);
        } catch (DatasetException e) {
            return new CellAttempt(CellResult.stopped(cell.id(), CellStatus.FAILED, e.getMessage(),
                    System.currentTimeMillis(), ""), "driver", hostName(), 1);
        } finally {
            sc.setJobDescription(null);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

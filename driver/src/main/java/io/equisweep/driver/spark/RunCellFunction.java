package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.workers.CellRunner;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.AccuracySummary;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.TransformAccuracy;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.metrics.TransformedTestSets;
import java.util.List;
import io.equisweep.workers.train.EpochFitter;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/** The executor side of a cell's task: runs the one cell of its partition through the workers' seam. */
final class RunCellFunction extends AbstractFunction1<Iterator<CellSpec>, CellAttempt> implements Serializable {
    /**
     * Fault injection for tests of executor loss: comma-separated cell ids whose first task attempt
     * halts its executor's JVM, as a crashed or OOM-killed executor would. Ignored on the driver
     * (local mode), where halting would end the sweep instead of testing its recovery.
     */
    static final int HALT_EXIT_CODE = 97;

    private final DatasetBroadcasts datasets;

    RunCellFunction(DatasetBroadcasts datasets) {
        this.datasets = datasets;
    }

    /**
     * For {@code equisweep bench --scale} only: a task that trains nothing and returns a small ok result at
     * once, so that a benchmark measures what the driver path (scheduling, claims, commits) costs per cell.
     * No spec can select it.
     */
    static RunCellFunction withoutTraining() {
        return new RunCellFunction(null);
    }

    @Override
    public CellAttempt apply(Iterator<CellSpec> cells) {
        CellSpec cell = cells.next();
        if (cells.hasNext()) {
            throw new IllegalStateException("a cell task got more than one cell: the RDD must have one partition per cell");
        }
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 1 : task.attemptNumber() + 1;
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        if (attempt == 1 && !executor.equals("driver") && haltsOnFirstAttempt(cell.id())) {
            Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
        if (datasets == null) {
            return new CellAttempt(untrained(cell), executor, hostName(), attempt);
        }
        return runHere(cell, datasets.splits(cell.dataset()), EpochFitter.LOCAL, executor, attempt);
    }

    /** A result with the rows of a small real cell (one epoch, the quarter turns, two probes) and no work behind it. */
    private static CellResult untrained(CellSpec cell) {
        long now = System.currentTimeMillis();
        List<TransformAccuracy> accuracies = new java.util.ArrayList<>();
        for (double angle : List.of(0.0, 90.0, 180.0, 270.0)) {
            accuracies.add(new TransformAccuracy(TransformAccuracy.ROTATION, angle, 0.1));
        }
        List<LayerError> layers = List.of(new LayerError(LayerError.INIT, 0, 0, "logits", "r", 0, 0),
                new LayerError(LayerError.TRAINED, 1, 0, "logits", "r", 0, 0));
        return new CellResult(cell.id(), CellStatus.OK, "", 0, 0, 0, 0, now, now, 2.3, 0.1, 0.1, 0.1,
                List.of(new EpochRecord(1, 2.3, 0.1, 0.1, 0.01, 0)), accuracies,
                AccuracySummary.of(accuracies, List.of(0.0, 90.0, 180.0, 270.0)), layers, 0, "none (bench --scale)");
    }

    /**
     * Runs a cell in this JVM on the dataset splits {@code data} provides: the task path here, and the driver's
     * path for data-parallel cells. A dataset that cannot be read fails this cell alone.
     */
    static CellAttempt runHere(CellSpec cell, Supplier<DatasetSplits> data, EpochFitter fitter, String executor,
                               int attempt) {
        applyEvaluationCacheBudget();
        return new CellAttempt(CellRunner.run(cell, data, fitter), executor, hostName(), attempt);
    }

    /** Gives this JVM's shared evaluation cache the budget {@code spark.equisweep.evaluation.cacheBytes} sets, if any. */
    static void applyEvaluationCacheBudget() {
        Long bytes = SparkEnv.get() == null ? null : EquisweepConf.EVALUATION_CACHE_BYTES.get(SparkEnv.get().conf());
        if (bytes != null) {
            TransformedTestSets.shared().budget(bytes);
        }
    }

    private static boolean haltsOnFirstAttempt(String cellId) {
        return EquisweepConf.HALT_EXECUTOR_ON_FIRST_ATTEMPT.get(SparkEnv.get().conf()).contains(cellId);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

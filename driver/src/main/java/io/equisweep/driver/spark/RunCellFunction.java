package io.equisweep.driver.spark;

import io.equisweep.workers.CellRunner;
import io.equisweep.workers.cell.CellSpec;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/** The executor side of a cell's task: runs the one cell of its partition through the workers' seam. */
final class RunCellFunction extends AbstractFunction1<Iterator<CellSpec>, CellAttempt> implements Serializable {

    @Override
    public CellAttempt apply(Iterator<CellSpec> cells) {
        CellSpec cell = cells.next();
        if (cells.hasNext()) {
            throw new IllegalStateException("a cell task got more than one cell: the RDD must have one partition per cell");
        }
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 1 : task.attemptNumber() + 1;
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        return new CellAttempt(CellRunner.run(cell), executor, hostName(), attempt);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

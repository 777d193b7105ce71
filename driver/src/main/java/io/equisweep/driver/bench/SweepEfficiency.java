package io.equisweep.driver.bench;

import io.equisweep.driver.data.LocalFiles;
import io.equisweep.driver.spark.RerunPolicy;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spark.SweepRunner;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.spec.SweepSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * How much of a sweep's wall time is training: runs a sweep of equal cells on embedded Spark into a
 * scratch results root and sets its wall time, from before Spark starts to after the last commit,
 * against the ideal, the summed training time spread evenly over the task slots.
 *
 * @param wallSeconds  Spark start-up, every cell and every commit
 * @param trainSeconds the cells' summed training time
 * @param busySeconds  the cells' summed training, evaluation and equivariance time
 */
public record SweepEfficiency(String sweep, int cells, int slots, double wallSeconds, double trainSeconds,
                              double busySeconds) {

    /** Wall time over the ideal; the target is at most 1.05. */
    public double ratio() {
        return wallSeconds / (trainSeconds / slots);
    }

    /** The same without counting evaluation as overhead: what Spark, data loading and commits cost. */
    public double busyRatio() {
        return wallSeconds / (busySeconds / slots);
    }

    public static SweepEfficiency measure(Path spec, String master) throws IOException, InterruptedException {
        SweepSpec sweep = SpecReader.read(spec, null);
        Path output = Files.createTempDirectory("equisweep-bench-sweep");
        try {
            long start = System.nanoTime();
            io.equisweep.workers.NativeBackend.loadInBackground();
            SweepRunner.Summary summary;
            try (SparkSession spark = SparkSessions.create("equisweep bench sweep", master);
                 PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
                summary = new SweepRunner(sweep, output.toUri().toString(), quiet, RerunPolicy.ALL).run(spark);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            int cells = summary.attempted().values().stream().mapToInt(Integer::intValue).sum();
            if (!summary.allOk() || cells == 0) {
                throw new IllegalStateException("sweep '" + sweep.name() + "' did not finish every cell ok: "
                        + summary.attempted());
            }
            return new SweepEfficiency(sweep.name(), cells, summary.slots(), wall, summary.trainSeconds(),
                    summary.busySeconds());
        } finally {
            LocalFiles.deleteTree(output);
        }
    }
}

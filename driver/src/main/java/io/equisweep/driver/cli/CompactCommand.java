package io.equisweep.driver.cli;

import io.equisweep.driver.spark.EquisweepConf;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.CellClaims;
import java.util.ArrayList;
import java.util.List;
import io.equisweep.driver.store.Compaction;
import io.equisweep.driver.store.ResultStore;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Merges the small per-cell Parquet files of every table into one file per sweep, without "
            + "changing any row. Run it while no sweep is writing to RESULTS."})
final class CompactCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS", description = "A results root.")
    String target;

    @Override
    public Integer call() {
        String root = ResultsTarget.of(target, null).root();
        try (SparkSession spark = SparkSessions.create("equisweep compact", "local[*]")) {
            ResultStore store = new ResultStore(spark, root);
            var conf = spark.sparkContext().getConf();
            try (CellClaims registration = new CellClaims(spark.sparkContext().hadoopConfiguration(), root,
                    1000 * EquisweepConf.CLAIM_TIMEOUT_SECONDS.get(conf), CellClaims.Role.COMPACT)) {
                List<String> live = new ArrayList<>(registration.otherLiveWriters(CellClaims.Role.RUN));
                live.addAll(registration.otherLiveWriters(CellClaims.Role.COMPACT));
                if (!live.isEmpty()) {
                    throw new BadInputException(root + " is being written by " + String.join("; ", live)
                            + ": compact it when no run writes to it (a run's registration expires "
                            + EquisweepConf.CLAIM_TIMEOUT_SECONDS.get(conf) + " s after its driver stops)");
                }
                compact(spark, store, conf);
            }
        }
        return ExitCodes.OK;
    }

    private static void compact(SparkSession spark, ResultStore store, org.apache.spark.SparkConf conf) {
        store.recover(1000 * EquisweepConf.ABANDONED_AFTER_SECONDS.get(conf));
        TextTable table = new TextTable("table", "rows", "files before", "files after");
        for (String name : Compaction.TABLES) {
            if (store.tableExists(name)) {
                Compaction.Result r = Compaction.compact(spark, store, name);
                table.add(r.table(), r.rows(), r.filesBefore(), r.filesAfter());
            }
        }
        table.print(System.out);
    }
}

package io.equisweep.driver.cli;

import io.equisweep.driver.spark.SparkSessions;
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
            store.recover(1000 * io.equisweep.driver.spark.EquisweepConf.ABANDONED_AFTER_SECONDS.get(spark.sparkContext().getConf()));
            TextTable table = new TextTable("table", "rows", "files before", "files after");
            for (String name : Compaction.TABLES) {
                if (store.tableExists(name)) {
                    Compaction.Result r = Compaction.compact(spark, store, name);
                    table.add(r.table(), r.rows(), r.filesBefore(), r.filesAfter());
                }
            }
            table.print(System.out);
        }
        return ExitCodes.OK;
    }
}

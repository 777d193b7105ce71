package io.equisweep.driver.cli;

import io.equisweep.driver.spark.RerunPolicy;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spark.SweepRunner;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.spec.SweepSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a sweep: one Spark task per cell; cells already ok in the results are skipped.",
            "Exit codes: 0 all cells ok, 2 bad input (nothing written), 3 some cells failed/diverged/invalid, 1 error."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (YAML), e.g. sweeps/quick.yaml.")
    Path spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: local[*], or what spark-submit set).")
    String master;

    @Option(names = "--output", paramLabel = "PATH", description = "Results root; overrides the spec's 'output'. Any Hadoop URI.")
    String output;

    @Option(names = "--max-cells", paramLabel = "N", description = "Refuse grids larger than N cells (default: the spec's limits.maxCells, else 10000).")
    Integer maxCells;

    @Option(names = "--retry-failed", description = "Run only the cells whose latest attempt failed or diverged.")
    boolean retryFailed;

    @Option(names = "--force", description = "Run every cell again, even those already ok (the newest row counts).")
    boolean force;

    @Option(names = "--rerun-stale", description = "Run only the stale cells: ok, but computed by an older numerics version than this build's.")
    boolean rerunStale;

    @Override
    public Integer call() throws Exception {
        if ((retryFailed ? 1 : 0) + (force ? 1 : 0) + (rerunStale ? 1 : 0) > 1) {
            throw new BadInputException((rerunStale ? (retryFailed ? "--retry-failed" : "--force") + " and --rerun-stale"
                    : "--retry-failed and --force") + " exclude each other");
        }
        RerunPolicy policy = force ? RerunPolicy.ALL : retryFailed ? RerunPolicy.FAILED_ONLY
                : rerunStale ? RerunPolicy.STALE : RerunPolicy.NOT_OK;
        SweepSpec sweep = SpecReader.read(spec, maxCells);
        io.equisweep.workers.NativeBackend.loadInBackground();
        String root = ResultsTarget.writableResults(output != null ? output : sweep.output());
        try (SparkSession spark = SparkSessions.create("equisweep " + sweep.name(), master)) {
            var store = new io.equisweep.driver.store.ResultStore(spark, root);
            store.saveSpec(sweep.name(), java.nio.file.Files.readString(spec));
            io.equisweep.driver.store.ShippedReferences.keepBeside(store, System.err);
            SweepRunner.Summary summary = new SweepRunner(sweep, root, System.out, policy).run(spark);
            return summary.allOk() ? ExitCodes.OK : ExitCodes.CELLS_NOT_OK;
        }
    }
}

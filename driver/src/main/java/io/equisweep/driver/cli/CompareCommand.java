package io.equisweep.driver.cli;

import io.equisweep.driver.compare.Comparison;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Puts a sweep's per-setting means beside published figures and checks the paper's claims.",
            "Comparative claims are decided over seeds by two-sided Welch tests at alpha 0.05.",
            "Exit codes: 0 every claim holds, 4 some claim is contradicted, 5 none is contradicted but some are",
            "inconclusive or lack cells, 2 bad input."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS", description = "Results root (any Hadoop URI).")
    String results;

    @Option(names = "--reference", required = true, paramLabel = "CSV",
            description = "Reference figures, e.g. sweeps/reference/paper-mnist.csv.")
    Path reference;

    @Option(names = "--sweep", paramLabel = "NAME", description = "The sweep to compare (default: the only one in RESULTS).")
    String sweep;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(reference)) {
            throw new BadInputException("no reference file " + reference);
        }
        ResultsTarget.existingResults(results);
        try (SparkSession spark = SparkSessions.create("equisweep compare", "local[1]")) {
            ResultStore store = new ResultStore(spark, results);
            String name = sweep != null ? sweep : onlySweep(store);
            Comparison.Outcome outcome = Comparison.print(spark, results, name, reference.toUri().toString(), System.out);
            // Beside the results, for the notes' comparison (which then needs no path of its own).
            store.saveReference(reference.getFileName().toString(), Files.readString(reference));
            return switch (outcome) {
                case ALL_HOLD -> ExitCodes.OK;
                case CONTRADICTED -> ExitCodes.CLAIM_CONTRADICTED;
                case UNSETTLED -> ExitCodes.CLAIMS_UNSETTLED;
            };
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private String onlySweep(ResultStore store) {
        var sweeps = store.latestStates().keySet();
        if (sweeps.size() != 1) {
            throw new BadInputException(results + " holds " + sweeps.size() + " sweeps " + sweeps + "; pick one with --sweep");
        }
        return sweeps.iterator().next();
    }
}

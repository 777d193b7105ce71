package io.equisweep.driver.cli;

import io.equisweep.driver.report.Report;
import io.equisweep.driver.spark.SparkSessions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML page (charts, per-setting table, specs) from a results root.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS", description = "Results root (any Hadoop URI).")
    String results;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for index.html (created if missing).")
    Path out;

    @Option(names = "--sweep", paramLabel = "NAME", description = "Only this sweep (default: every sweep in RESULTS).")
    String sweep;

    @Override
    public Integer call() throws Exception {
        ResultsTarget.existingResults(results);
        try (SparkSession spark = SparkSessions.create("equisweep report", "local[1]")) {
            Path page = Report.write(spark, results, sweep, out);
            System.out.println("Report: " + page.toAbsolutePath());
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        } catch (Exception e) {
            // Spark's AnalysisException (an unreadable or empty table) is undeclared, hence checked from Java.
            if (e instanceof org.apache.spark.sql.AnalysisException a) {
                throw new BadInputException("cannot read the results at " + results + ": " + a.getSimpleMessage());
            }
            throw e;
        }
    }
}

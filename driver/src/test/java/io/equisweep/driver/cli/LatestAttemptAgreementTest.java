package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.report.NoteViews;
import io.equisweep.driver.report.ReportData;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell that was ok and whose forced rerun then failed is failed everywhere: {@code status}, {@code plan},
 * {@code run}, {@code summary}, {@code compare}, {@code report} and the notes' views all read its latest attempt.
 */
class LatestAttemptAgreementTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void everyReaderCountsTheFailedRerunAsTheCellsState() throws Exception {
        Path spec = dir.resolve("agree.yaml");
        Files.writeString(spec, """
                name: agree
                dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 32}}
                grid: {architecture: z2cnn, inputSize: 28, seed: [1, 2]}
                training: {epochs: 1, batchSize: 32}
                evaluation: {angles: [0, 90]}
                """);
        String out = dir.resolve("results").toString();
        CliRunner first = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(first.exitCode()).as(first.err()).isZero();

        // What `run --force` commits when the rerun of an ok cell fails: a newer attempt with status failed.
        List<PlannedCell> cells = GridExpander.expand(SpecReader.read(spec, null));
        PlannedCell rerun = cells.get(0);
        try (SparkSession spark = SparkSessions.create("force-fail", "local[1]")) {
            CellResult failed = CellResult.stopped(rerun.spec().id(), CellStatus.FAILED, "injected failure of the rerun",
                    System.currentTimeMillis() + 1000, "");
            new ResultStore(spark, out).commit("agree", rerun, new CellAttempt(failed, "1", "host", 1), "test");
        }

        CliRunner status = CliRunner.run("status", out);
        assertThat(status.out()).containsPattern("agree\\s+failed\\s+1").containsPattern("agree\\s+ok\\s+1");
        CliRunner specStatus = CliRunner.run("status", spec.toString(), "--output", out);
        assertThat(specStatus.out()).containsPattern("agree\\s+failed\\s+1").containsPattern("agree\\s+ok\\s+1");

        Path specHere = dir.resolve("agree-here.yaml");
        Files.writeString(specHere, Files.readString(spec) + "output: " + out + "\n");
        CliRunner plan = CliRunner.run("plan", specHere.toString());
        assertThat(plan.out()).contains("run would run 1 of 2 cells.").contains("run --retry-failed would run 1 of 2 cells.");
        assertThat(plan.out().lines().filter(l -> l.contains(rerun.spec().id()))).singleElement().asString().contains("failed");

        CliRunner summary = CliRunner.run("summary", out, "--metrics", "test_accuracy");
        assertThat(summary.out()).containsPattern("test_accuracy\\s+1\\s");

        Path reference = dir.resolve("reference.csv");
        Files.writeString(reference, "source,architecture,input_size,symmetry,metric,value,unit,seeds,provenance\n"
                + "test,z2cnn,28,upright,accuracy_at_0,90,percent,1,made up\n");
        CliRunner compare = CliRunner.run("compare", out, "--reference", reference.toString());
        assertThat(compare.out()).contains("Sweep 'agree' (1 ok cells)");

        try (SparkSession spark = SparkSessions.create("readers", "local[1]")) {
            ResultStore store = new ResultStore(spark, out);
            ReportData report = ReportData.read(store, "agree");
            assertThat(report.statusCounts()).containsExactlyInAnyOrder(
                    new ReportData.StatusCount("agree", "failed", 1), new ReportData.StatusCount("agree", "ok", 1));
            assertThat(report.settings()).allSatisfy(s -> assertThat(s.n()).isEqualTo(1));

            // The notes' own view SQL and the overview note's status query.
            String p = NoteViews.prefix("overview.zpln");
            spark.read().parquet(out + "/cells").createOrReplaceTempView(p + "cells_all");
            spark.sql(NoteViews.latestSql(p)).createOrReplaceTempView(p + "cells_latest");
            spark.sql(NoteViews.okSql(p)).createOrReplaceTempView(p + "cells_ok");
            String statusQuery = null;
            for (var paragraph : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Path.of("..", "notebooks", "overview.zpln").toFile()).path("paragraphs")) {
                String text = paragraph.path("text").asText();
                if (text.startsWith("%spark.sql") && text.contains("FROM " + p + "cells_latest")) {
                    statusQuery = text.replaceFirst("^%spark.sql\\n", "").replace("$${sweep=%}", "%");
                    break;
                }
            }
            assertThat(statusQuery).as("the overview note's cells-by-status query").isNotNull();
            Map<String, Long> byStatus = new TreeMap<>();
            for (Row r : spark.sql(statusQuery).collectAsList()) {
                byStatus.put(r.getAs("status"), r.getAs("cells"));
            }
            assertThat(byStatus).isEqualTo(Map.of("failed", 1L, "ok", 1L));
            assertThat(spark.table(p + "cells_ok").count()).isEqualTo(1);
        }

        CliRunner again = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("running 1 of 2 cells (1 already ok)").contains(rerun.spec().id());
    }
}

package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.DetailTables;
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
import org.junit.jupiter.api.io.TempDir;

/** Resume, rerun policies, crash-safe commits and determinism, on a real 4-cell sweep. */
class ResumeTest {
    @TempDir
    Path dir;

    private Path spec() throws Exception {
        Path spec = dir.resolve("resume.yaml");
        Files.writeString(spec, SweepEndToEndTest.SPEC.replace("name: e2e", "name: resume"));
        return spec;
    }

    private static Map<String, List<Object>> metrics(SparkSession spark, String out) {
        Map<String, List<Object>> byCell = new TreeMap<>();
        for (Row r : spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList()) {
            byCell.put(r.getAs("cell_id"), List.of(r.getAs("test_accuracy"), r.getAs("c4_accuracy"), r.getAs("d4_accuracy"),
                    r.getAs("final_train_loss"), r.getAs("validation_accuracy"), r.getAs("logit_invariance_error")));
        }
        for (String table : List.of(DetailTables.EPOCHS, DetailTables.ANGLES, DetailTables.LAYERS)) {
            // Everything but commit ids and wall-clock seconds, which differ between runs by design.
            for (Row r : spark.read().parquet(out + "/" + table).drop("commit_id", "seconds").collectAsList()) {
                byCell.merge(r.getAs("cell_id") + "/" + table + "/" + r.mkString("|"), List.of(), (a, b) -> a);
            }
        }
        return byCell;
    }

    /** Every row of every table, as text, sorted: equal iff the tables hold the same rows. */
    private static List<String> allRows(SparkSession spark, String out) {
        List<String> rows = new java.util.ArrayList<>();
        for (String table : List.of(CellsTable.NAME, DetailTables.EPOCHS, DetailTables.ANGLES, DetailTables.LAYERS)) {
            var data = spark.read().parquet(out + "/" + table);
            String[] columns = data.columns();
            java.util.Arrays.sort(columns);
            for (Row r : data.selectExpr(columns).collectAsList()) {
                rows.add(table + ":" + r.mkString("|"));
            }
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @Test
    void twoRunsOfTheSameSpecGiveBitIdenticalMetrics() throws Exception {
        Path spec = spec();
        String a = dir.resolve("a").toString();
        String b = dir.resolve("b").toString();
        assertThat(CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", a).exitCode()).isZero();
        assertThat(CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", b).exitCode()).isZero();
        try (SparkSession spark = SparkSessions.create("compare", "local[1]")) {
            Map<String, List<Object>> first = metrics(spark, a);
            assertThat(first).hasSizeGreaterThan(4);
            assertThat(metrics(spark, b)).isEqualTo(first);
        }
    }

    @Test
    void retryFailedRunsOnlyFailedCellsForceRunsAllAndOrphanRowsStayInvisible() throws Exception {
        Path spec = spec();
        String out = dir.resolve("results").toString();
        List<PlannedCell> cells = GridExpander.expand(SpecReader.read(spec, null));
        PlannedCell failedCell = cells.get(2);
        try (SparkSession spark = SparkSessions.create("seed-store", "local[1]")) {
            ResultStore store = new ResultStore(spark, out);
            CellResult failed = CellResult.stopped(failedCell.spec().id(), CellStatus.FAILED, "out of memory",
                    System.currentTimeMillis(), "");
            store.commit("resume", failedCell, new CellAttempt(failed, "1", "host", 1), "test");
        }
        CliRunner plan = CliRunner.run("plan", spec.toString());
        assertThat(plan.exitCode()).isZero();

        CliRunner retry = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out, "--retry-failed");
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("running 1 of 4 cells (0 already ok)").contains(failedCell.spec().id());
        CliRunner again = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out, "--retry-failed");
        assertThat(again.out()).contains("No cell of sweep 'resume' has failed or diverged");
        CliRunner rest = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(rest.out()).contains("running 3 of 4 cells (1 already ok)");
        CliRunner force = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out, "--force");
        assertThat(force.out()).contains("running 4 of 4 cells (4 already ok)");
        assertThat(CliRunner.run("run", spec.toString(), "--retry-failed", "--force").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);

        try (SparkSession spark = SparkSessions.create("read", "local[1]")) {
            ResultStore store = new ResultStore(spark, out);
            // A crash between a cell's detail rows and its cells row leaves rows under a commit id no cells row has.
            long committedEpochs = store.committed(DetailTables.EPOCHS).count();
            spark.read().parquet(out + "/" + DetailTables.EPOCHS).limit(1)
                    .withColumn("commit_id", org.apache.spark.sql.functions.lit("crashed-commit"))
                    .write().mode("append").partitionBy("sweep").parquet(out + "/" + DetailTables.EPOCHS);
            assertThat(spark.read().parquet(out + "/" + DetailTables.EPOCHS).count()).isEqualTo(committedEpochs + 1);
            assertThat(store.committed(DetailTables.EPOCHS).count()).isEqualTo(committedEpochs);
            // 1 failed + 1 retried + 3 rest + 4 forced attempts; every cell has an ok row, the failed cell one failure.
            assertThat(store.cells().count()).isEqualTo(9);
            assertThat(store.latestStates().get("resume")).hasSize(4).containsOnlyKeys(
                    cells.stream().map(c -> c.spec().id()).toArray(String[]::new)).allSatisfy((id, s) -> assertThat(s).isEqualTo(CellState.OK));
        }

        // Compaction: one file per table and sweep, every row unchanged.
        List<String> before;
        try (SparkSession spark = SparkSessions.create("before-compact", "local[1]")) {
            before = allRows(spark, out);
        }
        CliRunner compact = CliRunner.run("compact", out);
        assertThat(compact.exitCode()).as(compact.err()).isZero();
        assertThat(compact.out()).containsPattern("cells\\s+9\\s+9\\s+1").containsPattern("layers\\s+\\d+\\s+\\d+\\s+1");
        try (SparkSession spark = SparkSessions.create("after-compact", "local[1]")) {
            assertThat(allRows(spark, out)).isEqualTo(before);
            assertThat(spark.read().parquet(out + "/" + CellsTable.NAME).count()).isEqualTo(9);
        }
    }
}

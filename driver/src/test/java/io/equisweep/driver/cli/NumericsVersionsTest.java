package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.report.ReportData;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.NumericsVersions;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.workers.Numerics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell whose latest ok attempt was computed by an older numerics version is stale: every reader says that its
 * setting mixes versions, {@code run} names it, and {@code run --rerun-stale} recomputes exactly it.
 */
class NumericsVersionsTest {
    /** This build's version as the commands print it. */
    private static final String CURRENT = "v" + Numerics.VERSION;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void staleCellsAreReportedByEveryReaderAndRerunExactly() throws Exception {
        Path spec = dir.resolve("versions.yaml");
        String out = dir.resolve("results").toString();
        Files.writeString(spec, """
                name: versions
                dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 32}}
                grid: {architecture: z2cnn, inputSize: 28, seed: [1, 2]}
                training: {epochs: 1, batchSize: 32}
                evaluation: {angles: [0, 90]}
                output: OUT
                """.replace("OUT", out));
        assertThat(CliRunner.run("run", spec.toString(), "--master", "local[2]").exitCode()).isZero();
        String old = GridExpander.expand(SpecReader.read(spec, null)).get(0).spec().id();
        try (SparkSession spark = SparkSessions.create("old-numerics", "local[1]")) {
            var cells = spark.read().parquet(out + "/" + CellsTable.NAME);
            assertThat(cells.select(NumericsVersions.COLUMN).distinct().collectAsList()).singleElement()
                    .satisfies(r -> assertThat(r.getInt(0)).isEqualTo(Numerics.VERSION));
            assertThat(cells.select("build").first().getString(0)).matches("git:[0-9a-f]{40}(\\+dirty)?|classes:[0-9a-f]{16}");
            // The same cell recomputed later by an older build: its newest ok row is numerics v1.
            cells.where(functions.col("cell_id").equalTo(old))
                    .withColumn(NumericsVersions.COLUMN, functions.lit(1))
                    .withColumn("commit_id", functions.lit("older-build"))
                    .withColumn("finished_at", functions.expr("finished_at + INTERVAL 1 SECOND"))
                    .write().mode("append").partitionBy("sweep").parquet(out + "/" + CellsTable.NAME);
            ResultStore store = new ResultStore(spark, out);
            assertThat(store.staleCells()).isEqualTo(Map.of("versions", Set.of(old)));
            assertThat(ReportData.read(store, "versions").mixedNumerics()).singleElement().asString()
                    .contains("architecture=z2cnn").contains("v1 (1 cell), " + CURRENT + " (1 cell)");
            // A root written before the column existed: every ok cell counts as v1, so every one is stale.
            assertThat(NumericsVersions.stale(store.cells().drop(NumericsVersions.COLUMN)).get("versions")).hasSize(2);
        }

        assertThat(CliRunner.run("status", out).out()).contains("Sweep 'versions': ok cells by numerics version: "
                + "v1 (1 cell), " + CURRENT + " (1 cell); this build computes " + CURRENT + ": MIXED");
        assertThat(CliRunner.run("summary", out).out())
                .contains("warning: these groups average cells computed by different numerics versions")
                .contains("architecture=z2cnn input_size=28 symmetry=upright: v1 (1 cell), " + CURRENT + " (1 cell)");
        assertThat(CliRunner.run("summary", out, "--by", "architecture,numerics_version", "--metrics", "test_accuracy").out())
                .doesNotContain("warning").containsPattern("z2cnn\\s+1\\s+test_accuracy\\s+1\\s")
                .containsPattern("z2cnn\\s+" + Numerics.VERSION + "\\s+test_accuracy\\s+1\\s");
        CliRunner plan = CliRunner.run("plan", spec.toString());
        assertThat(plan.out()).contains("run would run 0 of 2 cells.").contains("run --rerun-stale would run 1 of 2 cells.")
                .contains("ok (stale)");
        Path reference = dir.resolve("reference.csv");
        Files.writeString(reference, "source,architecture,input_size,symmetry,metric,value,unit,seeds,provenance\n"
                + "test,z2cnn,28,upright,accuracy_at_0,90,percent,1,made up\n");
        assertThat(CliRunner.run("compare", out, "--reference", reference.toString()).out())
                .contains("warning: these settings average cells computed by different numerics versions")
                .contains("architecture=z2cnn input_size=28 symmetry=upright: v1 (1 cell), " + CURRENT + " (1 cell)");

        CliRunner run = CliRunner.run("run", spec.toString(), "--master", "local[2]");
        assertThat(run.out()).contains("1 ok cells of sweep 'versions' are stale").contains("'run --rerun-stale' reruns exactly those")
                .contains("All 2 cells of sweep 'versions' are already ok");
        assertThat(CliRunner.run("run", spec.toString(), "--rerun-stale", "--force").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRunner rerun = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--rerun-stale");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("running 1 of 2 cells (2 already ok)").contains(old);
        assertThat(CliRunner.run("status", out).out()).contains("ok cells by numerics version: " + CURRENT + " (2 cells) (this build's)");
        assertThat(CliRunner.run("run", spec.toString(), "--rerun-stale").out()).contains("No cell of sweep 'versions'")
                .contains("is stale");
    }
}

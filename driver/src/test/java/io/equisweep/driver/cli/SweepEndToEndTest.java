package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.DetailTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real 4-cell sweep on local[2] through the CLI, read back with Spark SQL; then a rerun does nothing. */
class SweepEndToEndTest {
    static final String SPEC = """
            name: e2e
            dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 32}}
            grid:
              architecture: [z2cnn]
              inputSize: [28, 29]
              symmetry: [upright, d4]
            training: {epochs: 1, batchSize: 32, dropout: 0}
            evaluation: {angles: [0, 90], flips: true}
            """;

    @TempDir
    Path dir;

    @Test
    void aFashionMnistSweepOverDataSymmetryRecordsTheSymmetry() throws Exception {
        if (System.getenv("CI") == null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                    "dataset-fashion-mnist is not installed (.ci/run installs it)");
        }
        Path spec = dir.resolve("fashion.yaml");
        Files.writeString(spec, """
                name: fashion
                dataset: {name: fashion-mnist, options: {trainSize: 192, validationSize: 64, testSize: 96, seed: 3}}
                grid: {architecture: z2cnn, inputSize: 28, symmetry: [upright, uniform, "normal(45, 20)"]}
                training: {epochs: 1, batchSize: 32, dropout: 0}
                evaluation: {angles: [0, 90]}
                """);
        String out = dir.resolve("results").toString();
        CliRunner run = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (SparkSession spark = SparkSession.builder().master("local[1]").appName("read-back")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            List<Row> rows = spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList();
            assertThat(rows).extracting(r -> r.<String>getAs("symmetry"))
                    .containsExactlyInAnyOrder("upright", "uniform", "normal(45,20)");
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.<String>getAs("status")).isEqualTo("ok");
                assertThat(r.<String>getAs("dataset")).isEqualTo("fashion-mnist");
                assertThat(r.<String>getAs("dataset_identity")).startsWith("fashion-mnist/train-images-idx3-ubyte.gz:");
                assertThat(r.<Double>getAs("test_accuracy")).isGreaterThan(0.1);
            });
        }
    }

    /** epochs, angles and layers hold the documented columns and one row per epoch / transform / probe. */
    private static void assertDetailTables(String out) {
        try (SparkSession spark = SparkSession.builder().master("local[1]").appName("details")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            var tables = java.util.Map.of(DetailTables.EPOCHS, DetailTables.EPOCHS_SCHEMA, DetailTables.ANGLES,
                    DetailTables.ANGLES_SCHEMA, DetailTables.LAYERS, DetailTables.LAYERS_SCHEMA);
            for (var t : tables.entrySet()) {
                Dataset<Row> table = spark.read().parquet(out + "/" + t.getKey());
                for (StructField f : t.getValue().fields()) {
                    assertThat(table.schema().apply(f.name()).dataType()).as(t.getKey() + "." + f.name()).isEqualTo(f.dataType());
                }
                assertThat(table.schema().fieldNames()).hasSameSizeAs(t.getValue().fieldNames());
            }
            // 4 cells × 1 epoch; 4 cells × (0°, 90°, 180°, 270° + 4 reflections); z2cnn: logits × 7 D4 elements × 2 stages.
            assertThat(spark.read().parquet(out + "/" + DetailTables.EPOCHS).count()).isEqualTo(4);
            assertThat(spark.read().parquet(out + "/" + DetailTables.ANGLES).count()).isEqualTo(4 * 8);
            assertThat(spark.read().parquet(out + "/" + DetailTables.LAYERS).count()).isEqualTo(4 * 7 * 2);
            Row cell = spark.read().parquet(out + "/" + CellsTable.NAME).where("input_size = 28").first();
            assertThat(cell.<Double>getAs("c4_accuracy")).isBetween(0.0, 1.0);
            assertThat(cell.<Double>getAs("d4_accuracy")).isBetween(0.0, 1.0);
            assertThat(cell.<Double>getAs("logit_invariance_error")).isPositive();
            assertThat(cell.<Double>getAs("metric_seconds")).isPositive();
        }
    }

    @Test
    void runsEveryCellOnceAndARerunRunsNothing() throws Exception {
        Path spec = dir.resolve("e2e.yaml");
        Files.writeString(spec, SPEC);
        String out = dir.resolve("results").toString();

        CliRunner first = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("running 4 of 4 cells (0 already ok) on local[2]")
                .contains("Sweep 'e2e' finished").contains("4 ok");

        try (SparkSession spark = SparkSession.builder().master("local[1]").appName("read-back")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            Dataset<Row> cells = spark.read().parquet(dir.resolve("results").resolve(CellsTable.NAME).toString());
            assertThat(cells.schema().fieldNames()).containsExactlyInAnyOrder(
                    java.util.Arrays.stream(CellsTable.SCHEMA.fields()).map(StructField::name).toArray(String[]::new));
            for (StructField f : CellsTable.SCHEMA.fields()) {
                assertThat(cells.schema().apply(f.name()).dataType()).as(f.name()).isEqualTo(f.dataType());
            }
            List<Row> rows = cells.where("sweep = 'e2e'").collectAsList();
            assertThat(rows).hasSize(4);
            assertThat(rows).extracting(r -> r.<String>getAs("status")).containsOnly("ok");
            assertThat(rows).extracting(r -> r.<String>getAs("cell_id")).doesNotHaveDuplicates();
            assertThat(rows).extracting(r -> r.<Integer>getAs("input_size")).containsExactlyInAnyOrder(28, 28, 29, 29);
            assertThat(rows).extracting(r -> r.<Boolean>getAs("exact")).containsExactlyInAnyOrder(true, true, false, false);
            for (Row r : rows) {
                assertThat(r.<Long>getAs("parameter_count")).isEqualTo(25_210L);
                assertThat(r.<Double>getAs("test_accuracy")).isBetween(0.0, 1.0);
                assertThat(r.<Integer>getAs("attempt")).isEqualTo(1);
                assertThat(r.<Integer>getAs("schema_version")).isEqualTo(CellsTable.SCHEMA_VERSION);
                assertThat(r.<String>getAs("nd4j_backend")).startsWith("nd4j-cpu");
                assertThat(r.<String>getAs("eval_angles")).isEqualTo("0,90");
                assertThat(r.<String>getAs("group")).isEqualTo("C1");
                assertThat(r.<String>getAs("config")).contains("\"inputSize\":" + r.<Integer>getAs("input_size"));
            }
        }

        assertDetailTables(out);
        CliRunner summary = CliRunner.run("summary", spec.toString(), "--output", out, "--by", "inputSize");
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).containsPattern("28\\s+test_accuracy\\s+2\\s").containsPattern("29\\s+c4_accuracy\\s+2\\s");
        assertThat(CliRunner.run("summary", spec.toString(), "--output", out, "--by", "colour").err())
                .contains("cannot group by 'colour'");

        CliRunner second = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("All 4 cells of sweep 'e2e' are already ok in " + out + "; nothing to run.");

        CliRunner status = CliRunner.run("status", spec.toString(), "--output", out);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("e2e\\s+ok\\s+4").containsPattern("e2e\\s+total\\s+4");

        try (var files = Files.list(dir.resolve("results").resolve(CellsTable.NAME).resolve("sweep=e2e"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".parquet"))).hasSize(4);
        }
    }
}

package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.DetailTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.mode: data-parallel} on local[2]: the cell trains through dl4j-spark's parameter
 * averaging across both task slots, lands in the same tables as a single-task cell, and reaches the
 * single-task accuracy within {@link #TOLERANCE}.
 */
class DataParallelModeTest {
    /**
     * Two workers averaging every 5 minibatches make about half the single-task number of effective
     * updates per epoch; after 8 epochs of this task both are near convergence (measured 0.992 single,
     * 0.953 data-parallel on the 256 test glyphs).
     */
    static final double TOLERANCE = 0.10;

    @TempDir
    Path dir;

    @Test
    void aDataParallelCellMatchesItsSingleTaskTwinWithinTolerance() throws Exception {
        Path spec = dir.resolve("dp.yaml");
        Files.writeString(spec, """
                name: dp
                dataset: {name: synthetic, options: {trainSize: 512, validationSize: 64, testSize: 256}}
                grid: {architecture: z2cnn, inputSize: 28, seed: 1, mode: [single, data-parallel]}
                training: {epochs: 8, batchSize: 32, dropout: 0}
                evaluation: {angles: [0, 90]}
                """);
        String out = dir.resolve("results").toString();
        CliRunner run = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        try (SparkSession spark = SparkSessions.create("dp-read", "local[1]")) {
            Map<String, Row> byMode = spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.getAs("training_mode"), r -> r));
            assertThat(byMode).containsOnlyKeys("single", "data-parallel");
            Row single = byMode.get("single");
            Row parallel = byMode.get("data-parallel");
            assertThat(parallel.<String>getAs("cell_id")).isNotEqualTo(single.getAs("cell_id"));
            assertThat(parallel.<String>getAs("status")).isEqualTo("ok");
            assertThat(parallel.<String>getAs("executor_id")).isEqualTo("driver");
            assertThat(parallel.<String>getAs("config")).contains("\"mode\":\"data-parallel\"");
            assertThat(single.<String>getAs("config")).doesNotContain("\"mode\"");
            double singleAccuracy = single.getAs("test_accuracy");
            double parallelAccuracy = parallel.getAs("test_accuracy");
            assertThat(singleAccuracy).isGreaterThan(0.8);
            assertThat(parallelAccuracy).isCloseTo(singleAccuracy, org.assertj.core.data.Offset.offset(TOLERANCE));

            String id = parallel.getAs("cell_id");
            List<Row> epochs = spark.read().parquet(out + "/" + DetailTables.EPOCHS).where("cell_id = '" + id + "'")
                    .orderBy("epoch").collectAsList();
            assertThat(epochs).hasSize(8);
            assertThat(epochs.get(7).<Double>getAs("train_loss")).isLessThan(epochs.get(0).getAs("train_loss"));
            var angles = spark.read().parquet(out + "/" + DetailTables.ANGLES);
            assertThat(angles.where("cell_id = '" + id + "'").count())
                    .isEqualTo(angles.where("cell_id = '" + single.getAs("cell_id") + "'").count()).isPositive();
            assertThat(spark.read().parquet(out + "/" + DetailTables.LAYERS).where("cell_id = '" + id + "'").count())
                    .isPositive();
        }
        assertThat(run.out()).contains("2 ok");
    }

    /**
     * A custom updater (classical momentum, driven by one-cycle) goes through parameter averaging: its configuration
     * is broadcast to the workers and its momentum buffers are averaged like DL4J's own.
     */
    @Test
    void aDataParallelCellTrainsWithClassicalMomentum() throws Exception {
        Path spec = dir.resolve("dp-sgd.yaml");
        Files.writeString(spec, """
                name: dpsgd
                dataset: {name: synthetic, options: {trainSize: 256, validationSize: 32, testSize: 64}}
                grid: {architecture: z2cnn, inputSize: 28, seed: 1}
                training: {epochs: 2, batchSize: 32, dropout: 0, mode: data-parallel, optimizer: sgd, learningRate: 0.05,
                           nesterov: false, schedule: onecycle}
                evaluation: {angles: [0], equivarianceEvery: 0}
                """);
        String out = dir.resolve("results").toString();
        CliRunner run = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (SparkSession spark = SparkSessions.create("dp-sgd-read", "local[1]")) {
            Row cell = spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList().get(0);
            assertThat(cell.<String>getAs("status")).isEqualTo("ok");
            assertThat(cell.<Boolean>getAs("nesterov")).isFalse();
            assertThat(cell.<String>getAs("config")).contains("\"nesterov\":false");
            List<Row> epochs = spark.read().parquet(out + "/" + DetailTables.EPOCHS).orderBy("epoch").collectAsList();
            assertThat(epochs).hasSize(2).allSatisfy(e -> assertThat(e.<Double>getAs("train_loss")).isFinite());
        }
    }

    /**
     * A streamed dataset (an image folder of PNG files, decoded as minibatches ask for them): the executors build the
     * minibatches from the driver's recipes on their own copy of the folder, with and without random resized crops.
     */
    @Test
    void aDataParallelCellTrainsOnAStreamedImageFolder() throws Exception {
        Path images = dir.resolve("images");
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 8; i++) {
                    Path file = images.resolve(split).resolve(c == 0 ? "horizontal" : "vertical").resolve(i + ".png");
                    Files.createDirectories(file.getParent());
                    javax.imageio.ImageIO.write(bar(20 + i, 18, c == 1, 40 + 20 * i), "png", file.toFile());
                }
            }
        }
        Path spec = dir.resolve("dp-folder.yaml");
        Files.writeString(spec, """
                name: dp-folder
                dataset: {name: image-folder, options: {dir: %s, validationSize: 4}}
                grid: {architecture: z2cnn, inputSize: 16, seed: 1, mode: data-parallel,
                       augmentation: [none, {resizedCrop: true, flip: true}]}
                training: {epochs: 2, batchSize: 4, dropout: 0}
                evaluation: {angles: [0, 90]}
                """.formatted(images));
        String out = dir.resolve("results-folder").toString();
        CliRunner run = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("2 ok");
        try (SparkSession spark = SparkSessions.create("dp-folder-read", "local[1]")) {
            List<Row> cells = spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList();
            assertThat(cells).extracting(r -> r.<String>getAs("augmentation"))
                    .containsExactlyInAnyOrder("none", "resizedcrop+flip");
            assertThat(cells).allSatisfy(cell -> {
                assertThat(cell.<String>getAs("training_mode")).isEqualTo("data-parallel");
                assertThat(cell.<String>getAs("status")).isEqualTo("ok");
            });
            assertThat(spark.read().parquet(out + "/" + DetailTables.EPOCHS).count()).isEqualTo(4);
        }
    }

    /** A w × h image of one colour with a white bar, vertical or horizontal (the class). */
    private static java.awt.image.BufferedImage bar(int w, int h, boolean vertical, int shade) {
        var image = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(shade, 60, 200 - shade));
        g.fillRect(0, 0, w, h);
        g.setColor(java.awt.Color.WHITE);
        if (vertical) {
            g.fillRect(w / 2 - 2, 0, 4, h);
        } else {
            g.fillRect(0, h / 2 - 2, w, 4);
        }
        g.dispose();
        return image;
    }
}

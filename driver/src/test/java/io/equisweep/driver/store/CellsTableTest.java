package io.equisweep.driver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.CellFields;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.workers.arch.ExactnessReport;
import io.equisweep.workers.cell.AccuracySummary;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cells} row is filled by column name: every column, holding a distinct value, reads back in its place. */
class CellsTableTest {
    @TempDir
    Path dir;

    @Test
    void everyColumnReadsBackItsOwnDistinctValueFromParquet() {
        TrainingSpec training = new TrainingSpec(11, 12, Optimizer.SGD, 0.013, 0.14, 0.015,
                LearningRateSchedule.step(0.16, 17), 0.18, TrainingMode.DATA_PARALLEL, 19, 0.57, new Augmentation(58, true), 59, true, false, true);
        CellSpec cell = new CellSpec("c0ffee0000000001", "p4mcnn", 21, "c4", 22L,
                new DatasetSpec("synthetic", Map.of("seed", "23")), training, new EvaluationSpec(List.of(0.0, 24.0), true, 56));
        ExactnessReport exactness = new ExactnessReport("p4mcnn", 21, true, false, "pool", "", List.of(21));
        PlannedCell planned = new PlannedCell(cell, "{\"config\":25}", "synthetic/identity-26", exactness, 27);
        List<LayerError> layers = List.of(new LayerError(LayerError.TRAINED, 1, 0, "relu1", "r", 0.28, 0.29),
                new LayerError(LayerError.TRAINED, 1, 9, "logits", "r", 0.30, 0.31));
        CellResult result = new CellResult(cell.id(), CellStatus.DIVERGED, "error 32", 33, 34L, 35.0, 36.0, 37_000L,
                38_000L, 0.39, 0.40, 0.41, 0.42, List.of(), List.of(), new AccuracySummary(0.42, 0.43, 0.44, 45, 0.46, 0.47),
                layers, 48.0, "backend 49");
        CellAttempt attempt = new CellAttempt(result, "executor 50", "host 51", 52);

        Map<String, Object> expected = new TreeMap<>();
        expected.put("cell_id", "c0ffee0000000001");
        expected.put("commit_id", "commit 53");
        expected.put("sweep", "sweep54");
        expected.put("architecture", "p4mcnn");
        expected.put("group", "D4");
        expected.put("input_size", 21);
        expected.put("symmetry", "c4");
        expected.put("seed", 22L);
        expected.put("dataset", "synthetic");
        expected.put("dataset_identity", "synthetic/identity-26");
        expected.put("epochs", 11);
        expected.put("batch_size", 12);
        expected.put("optimizer", "sgd");
        expected.put("learning_rate", 0.013);
        expected.put("momentum", 0.14);
        expected.put("weight_decay", 0.015);
        expected.put("schedule", "step(x0.16/17)");
        expected.put("dropout", 0.18);
        expected.put("training_mode", "data-parallel");
        expected.put("averaging_frequency", 19);
        expected.put("eval_angles", "0,24");
        expected.put("eval_flips", true);
        expected.put("equivariance_every", 56);
        expected.put("train_fraction", 0.57);
        expected.put("augmentation", "crop58+flip");
        expected.put("crop", 59);
        expected.put("circle_crop", true);
        expected.put("nesterov", false);
        expected.put("scale_epochs", true);
        expected.put("exact", false);
        expected.put("breaking_layer", "pool");
        expected.put("status", "diverged");
        expected.put("error", "error 32");
        expected.put("diverged_epoch", 33);
        expected.put("parameter_count", 34L);
        expected.put("train_seconds", 35.0);
        expected.put("eval_seconds", 36.0);
        expected.put("started_at", new Timestamp(37_000L));
        expected.put("finished_at", new Timestamp(38_000L));
        expected.put("final_train_loss", 0.39);
        expected.put("train_accuracy", 0.40);
        expected.put("validation_accuracy", 0.41);
        expected.put("test_accuracy", 0.42);
        expected.put("mean_rotation_accuracy", 0.43);
        expected.put("worst_rotation_accuracy", 0.44);
        expected.put("worst_angle", 45.0);
        expected.put("c4_accuracy", 0.46);
        expected.put("d4_accuracy", 0.47);
        expected.put("equivariance_error", 0.29);
        expected.put("logit_invariance_error", 0.31);
        expected.put("metric_seconds", 48.0);
        expected.put("executor_id", "executor 50");
        expected.put("host", "host 51");
        expected.put("attempt", 52);
        expected.put("code_version", "version 55");
        expected.put("build", io.equisweep.workers.Provenance.build());
        expected.put("numerics_version", io.equisweep.workers.Numerics.VERSION);
        expected.put("nd4j_backend", "backend 49");
        expected.put("config", "{\"config\":25}");
        expected.put("schema_version", CellsTable.SCHEMA_VERSION);

        assertThat(expected.keySet()).containsExactlyInAnyOrder(CellsTable.SCHEMA.fieldNames());
        // Every value distinct (true/false and the two copies of test accuracy = upright excepted), so a value in
        // the wrong column cannot read back as right.
        var seen = new HashSet<String>();
        expected.forEach((column, value) -> {
            if (!(value instanceof Boolean) && !column.equals("test_accuracy") && !column.equals("schema_version")) {
                assertThat(seen.add(String.valueOf(value))).as(column + " = " + value + " is not distinct").isTrue();
            }
        });
        assertThat(CellFields.ALL).allSatisfy(f -> assertThat(expected).containsKey(f.column()));

        String root = dir.resolve("results").toString();
        try (SparkSession spark = SparkSessions.create("cells-table", "local[1]")) {
            new ResultStore(spark, root).append(CellsTable.NAME, CellsTable.SCHEMA,
                    List.of(CellsTable.row(new CellsTable.Commit("sweep54", "commit 53", planned, attempt, "version 55"))));
            Row row = spark.read().parquet(root + "/" + CellsTable.NAME).collectAsList().get(0);
            assertThat(Arrays.asList(row.schema().fieldNames())).containsExactlyInAnyOrder(CellsTable.SCHEMA.fieldNames());
            expected.forEach((column, value) -> assertThat((Object) row.getAs(column)).as(column).isEqualTo(value));
        }
    }
}

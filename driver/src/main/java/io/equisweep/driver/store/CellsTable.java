package io.equisweep.driver.store;

import io.equisweep.driver.spark.CellAttempt;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.TrainingSpec;
import java.sql.Timestamp;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code cells} table: one row per cell attempt, with every config column, the analytic
 * exactness, the outcome, timings and summary metrics. Metrics a cell did not reach are null.
 */
public final class CellsTable {
    public static final String NAME = "cells";
    /** Bump when columns change meaning or are removed; adding nullable columns is compatible. */
    public static final int SCHEMA_VERSION = 1;

    public static final StructType SCHEMA = new StructType(new StructField[] {
        field("cell_id", DataTypes.StringType, false),
        field("commit_id", DataTypes.StringType, false),
        field("sweep", DataTypes.StringType, false),
        field("architecture", DataTypes.StringType, false),
        field("group", DataTypes.StringType, false),
        field("input_size", DataTypes.IntegerType, false),
        field("symmetry", DataTypes.StringType, false),
        field("seed", DataTypes.LongType, false),
        field("dataset", DataTypes.StringType, false),
        field("dataset_identity", DataTypes.StringType, false),
        field("epochs", DataTypes.IntegerType, false),
        field("batch_size", DataTypes.IntegerType, false),
        field("optimizer", DataTypes.StringType, false),
        field("learning_rate", DataTypes.DoubleType, false),
        field("momentum", DataTypes.DoubleType, false),
        field("weight_decay", DataTypes.DoubleType, false),
        field("schedule", DataTypes.StringType, false),
        field("dropout", DataTypes.DoubleType, false),
        field("training_mode", DataTypes.StringType, true),
        field("eval_angles", DataTypes.StringType, false),
        field("eval_flips", DataTypes.BooleanType, false),
        field("exact", DataTypes.BooleanType, false),
        field("breaking_layer", DataTypes.StringType, true),
        field("status", DataTypes.StringType, false),
        field("error", DataTypes.StringType, true),
        field("diverged_epoch", DataTypes.IntegerType, true),
        field("parameter_count", DataTypes.LongType, true),
        field("train_seconds", DataTypes.DoubleType, true),
        field("eval_seconds", DataTypes.DoubleType, true),
        field("started_at", DataTypes.TimestampType, false),
        field("finished_at", DataTypes.TimestampType, false),
        field("final_train_loss", DataTypes.DoubleType, true),
        field("train_accuracy", DataTypes.DoubleType, true),
        field("validation_accuracy", DataTypes.DoubleType, true),
        field("test_accuracy", DataTypes.DoubleType, true),
        field("mean_rotation_accuracy", DataTypes.DoubleType, true),
        field("worst_rotation_accuracy", DataTypes.DoubleType, true),
        field("worst_angle", DataTypes.DoubleType, true),
        field("c4_accuracy", DataTypes.DoubleType, true),
        field("d4_accuracy", DataTypes.DoubleType, true),
        field("equivariance_error", DataTypes.DoubleType, true),
        field("logit_invariance_error", DataTypes.DoubleType, true),
        field("metric_seconds", DataTypes.DoubleType, true),
        field("executor_id", DataTypes.StringType, true),
        field("host", DataTypes.StringType, true),
        field("attempt", DataTypes.IntegerType, false),
        field("code_version", DataTypes.StringType, false),
        field("nd4j_backend", DataTypes.StringType, true),
        field("config", DataTypes.StringType, false),
        field("schema_version", DataTypes.IntegerType, false),
    });

    private CellsTable() {
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    public static Row row(String sweep, String commitId, PlannedCell planned, CellAttempt attempt, String codeVersion) {
        CellSpec c = planned.spec();
        TrainingSpec t = c.training();
        CellResult r = attempt.result();
        return RowFactory.create(
                c.id(), commitId, sweep, c.architecture(), Architectures.get(c.architecture()).group().name(), c.inputSize(),
                c.symmetry(), c.seed(), c.dataset().name(), planned.datasetIdentity(), t.epochs(), t.batchSize(),
                t.optimizer().specName(), t.learningRate(), t.momentum(), t.weightDecay(), t.schedule().toString(),
                t.dropout(), t.mode().specName(),
                c.evaluation().angles().stream().map(CellsTable::angle).collect(Collectors.joining(",")),
                c.evaluation().flips(), planned.exactness().exact(), emptyToNull(planned.exactness().breakingLayer()),
                r.status().tableName(), emptyToNull(r.error()), r.divergedEpoch() == 0 ? null : r.divergedEpoch(),
                r.parameterCount() == 0 ? null : r.parameterCount(), finite(r.trainSeconds()), finite(r.evalSeconds()),
                new Timestamp(r.startedAtMillis()), new Timestamp(r.finishedAtMillis()), finite(r.finalTrainLoss()),
                finite(r.trainAccuracy()), finite(r.validationAccuracy()), finite(r.testAccuracy()),
                finite(r.summary().meanRotation()), finite(r.summary().worstRotation()), finite(r.summary().worstAngle()),
                finite(r.summary().c4()), finite(r.summary().d4()), worstTrained(r, false), worstTrained(r, true),
                finite(r.metricSeconds()),
                emptyToNull(attempt.executorId()), emptyToNull(attempt.host()), attempt.attempt(), codeVersion,
                emptyToNull(r.backend()), planned.config(), SCHEMA_VERSION);
    }

    /** The largest relative error after training, over the logits or over every other probe. */
    private static Double worstTrained(CellResult r, boolean logits) {
        double worst = Double.NaN;
        for (LayerError e : r.layers()) {
            if (e.stage().equals(LayerError.TRAINED) && e.layer().equals("logits") == logits) {
                worst = Double.isNaN(worst) ? e.relative() : Math.max(worst, e.relative());
            }
        }
        return finite(worst);
    }

    private static String angle(double a) {
        return a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

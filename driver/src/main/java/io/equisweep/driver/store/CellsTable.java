package io.equisweep.driver.store;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.spec.CellField;
import io.equisweep.driver.spec.CellFields;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.workers.Numerics;
import io.equisweep.workers.Provenance;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.LayerError;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code cells} table: one row per cell attempt, with every config column (one per {@link CellField}), the
 * analytic exactness, the outcome, timings and summary metrics. Metrics a cell did not reach are null. Each
 * column is declared once with how a commit fills it; the schema and the row are derived from that list.
 */
public final class CellsTable {
    public static final String NAME = "cells";
    /** Bump when columns change meaning or are removed; adding nullable columns is compatible. */
    public static final int SCHEMA_VERSION = 1;

    /** What one row is made from: a cell attempt being committed. */
    public record Commit(String sweep, String commitId, PlannedCell planned, CellAttempt attempt, String codeVersion) {
        CellResult result() {
            return attempt.result();
        }
    }

    /** A column and how a commit fills it. */
    record Column(String name, DataType type, boolean nullable, Function<Commit, Object> value) {
    }

    static final List<Column> COLUMNS = columns();
    public static final StructType SCHEMA = new StructType(COLUMNS.stream()
            .map(c -> DataTypes.createStructField(c.name(), c.type(), c.nullable())).toArray(StructField[]::new));

    private CellsTable() {
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("cell_id", DataTypes.StringType, false, x -> x.planned().spec().id()));
        c.add(new Column("commit_id", DataTypes.StringType, false, Commit::commitId));
        c.add(new Column("sweep", DataTypes.StringType, false, Commit::sweep));
        fields(c, CellField.Section.GRID);
        c.add(new Column("group", DataTypes.StringType, false,
                x -> Architectures.get(x.planned().spec().architecture()).group().name()));
        c.add(new Column("dataset", DataTypes.StringType, false, x -> x.planned().spec().dataset().name()));
        c.add(new Column("dataset_identity", DataTypes.StringType, false, x -> x.planned().datasetIdentity()));
        fields(c, CellField.Section.TRAINING);
        fields(c, CellField.Section.EVALUATION);
        c.add(new Column("exact", DataTypes.BooleanType, false, x -> x.planned().exactness().exact()));
        c.add(new Column("breaking_layer", DataTypes.StringType, true, x -> emptyToNull(x.planned().exactness().breakingLayer())));
        c.add(new Column("status", DataTypes.StringType, false, x -> x.result().status().tableName()));
        c.add(new Column("error", DataTypes.StringType, true, x -> emptyToNull(x.result().error())));
        c.add(new Column("diverged_epoch", DataTypes.IntegerType, true,
                x -> x.result().divergedEpoch() == 0 ? null : x.result().divergedEpoch()));
        c.add(new Column("parameter_count", DataTypes.LongType, true,
                x -> x.result().parameterCount() == 0 ? null : x.result().parameterCount()));
        c.add(metric("train_seconds", CellResult::trainSeconds));
        c.add(metric("eval_seconds", CellResult::evalSeconds));
        c.add(new Column("started_at", DataTypes.TimestampType, false, x -> new Timestamp(x.result().startedAtMillis())));
        c.add(new Column("finished_at", DataTypes.TimestampType, false, x -> new Timestamp(x.result().finishedAtMillis())));
        c.add(metric("final_train_loss", CellResult::finalTrainLoss));
        c.add(metric("train_accuracy", CellResult::trainAccuracy));
        c.add(metric("validation_accuracy", CellResult::validationAccuracy));
        c.add(metric("test_accuracy", CellResult::testAccuracy));
        c.add(metric("mean_rotation_accuracy", r -> r.summary().meanRotation()));
        c.add(metric("worst_rotation_accuracy", r -> r.summary().worstRotation()));
        c.add(metric("worst_angle", r -> r.summary().worstAngle()));
        c.add(metric("c4_accuracy", r -> r.summary().c4()));
        c.add(metric("d4_accuracy", r -> r.summary().d4()));
        c.add(metric("equivariance_error", r -> worstTrained(r, false)));
        c.add(metric("logit_invariance_error", r -> worstTrained(r, true)));
        c.add(metric("metric_seconds", CellResult::metricSeconds));
        c.add(new Column("executor_id", DataTypes.StringType, true, x -> emptyToNull(x.attempt().executorId())));
        c.add(new Column("host", DataTypes.StringType, true, x -> emptyToNull(x.attempt().host())));
        c.add(new Column("attempt", DataTypes.IntegerType, false, x -> x.attempt().attempt()));
        c.add(new Column("code_version", DataTypes.StringType, false, Commit::codeVersion));
        c.add(new Column("build", DataTypes.StringType, false, x -> Provenance.build()));
        c.add(new Column(NumericsVersions.COLUMN, DataTypes.IntegerType, false, x -> Numerics.VERSION));
        c.add(new Column("nd4j_backend", DataTypes.StringType, true, x -> emptyToNull(x.result().backend())));
        c.add(new Column("config", DataTypes.StringType, false, x -> x.planned().config()));
        c.add(new Column("schema_version", DataTypes.IntegerType, false, x -> SCHEMA_VERSION));
        return List.copyOf(c);
    }

    private static void fields(List<Column> columns, CellField.Section section) {
        for (CellField<?> f : CellFields.in(section)) {
            columns.add(new Column(f.column(), f.columnType(), false, x -> f.columnValue(x.planned().spec())));
        }
    }

    /** A double metric of the result, null when not finite (not reached). */
    private static Column metric(String name, java.util.function.ToDoubleFunction<CellResult> value) {
        return new Column(name, DataTypes.DoubleType, true, x -> finite(value.applyAsDouble(x.result())));
    }

    public static Row row(Commit commit) {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = COLUMNS.get(i);
            values[i] = c.value().apply(commit);
            if (values[i] == null && !c.nullable()) {
                throw new IllegalStateException("column " + c.name() + " of cell " + commit.planned().spec().id() + " is null");
            }
        }
        return RowFactory.create(values);
    }

    /** The largest relative error after training, over the logits or over every other probe. */
    private static double worstTrained(CellResult r, boolean logits) {
        double worst = Double.NaN;
        for (LayerError e : r.layers()) {
            if (e.stage().equals(LayerError.TRAINED) && e.layer().equals("logits") == logits) {
                worst = Double.isNaN(worst) ? e.relative() : Math.max(worst, e.relative());
            }
        }
        return worst;
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

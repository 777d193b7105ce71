package io.equisweep.driver.store;

import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.TransformAccuracy;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The long-format tables beside {@code cells}, one row per (cell, epoch), (cell, transform, angle) and
 * (cell, epoch, layer, element). Join them to {@code cells} on {@code cell_id} and {@code commit_id}:
 * rows whose commit has no {@code cells} row were left by a crash mid-commit and are not part of any result.
 */
public final class DetailTables {
    public static final String EPOCHS = "epochs";
    public static final String ANGLES = "angles";
    public static final String LAYERS = "layers";

    public static final StructType EPOCHS_SCHEMA = new StructType()
            .add("cell_id", DataTypes.StringType, false)
            .add("commit_id", DataTypes.StringType, false)
            .add("sweep", DataTypes.StringType, false)
            .add("epoch", DataTypes.IntegerType, false)
            .add("train_loss", DataTypes.DoubleType, true)
            .add("train_accuracy", DataTypes.DoubleType, true)
            .add("validation_accuracy", DataTypes.DoubleType, true)
            .add("learning_rate", DataTypes.DoubleType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("schema_version", DataTypes.IntegerType, false);

    public static final StructType ANGLES_SCHEMA = new StructType()
            .add("cell_id", DataTypes.StringType, false)
            .add("commit_id", DataTypes.StringType, false)
            .add("sweep", DataTypes.StringType, false)
            .add("transform", DataTypes.StringType, false)
            .add("angle", DataTypes.DoubleType, false)
            .add("accuracy", DataTypes.DoubleType, false)
            .add("schema_version", DataTypes.IntegerType, false);

    public static final StructType LAYERS_SCHEMA = new StructType()
            .add("cell_id", DataTypes.StringType, false)
            .add("commit_id", DataTypes.StringType, false)
            .add("sweep", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            // Null in rows written before errors were measured every epoch: see EPOCH_OF_LAYER_ROW.
            .add("epoch", DataTypes.IntegerType, true)
            .add("depth", DataTypes.IntegerType, false)
            .add("layer", DataTypes.StringType, false)
            .add("element", DataTypes.StringType, false)
            .add("l1_error", DataTypes.DoubleType, false)
            .add("relative_error", DataTypes.DoubleType, false)
            .add("schema_version", DataTypes.IntegerType, false);

    /**
     * The epoch of a {@code layers} row (alias {@code l}) joined to its {@code cells} row (alias {@code c}), as SQL:
     * rows written before the {@code epoch} column existed were measured at initialisation (0) or after training
     * (the cell's epochs).
     */
    public static final String EPOCH_OF_LAYER_ROW =
            "coalesce(l.epoch, CASE WHEN l.stage = 'init' THEN 0 ELSE c.epochs END)";

    /** Each table's declared schema: what readers read it in (columns a file lacks read as null). */
    static final java.util.Map<String, StructType> SCHEMAS = java.util.Map.of(EPOCHS, EPOCHS_SCHEMA,
            ANGLES, ANGLES_SCHEMA, LAYERS, LAYERS_SCHEMA, CellsTable.NAME, CellsTable.SCHEMA);

    private DetailTables() {
    }

    public static List<Row> epochs(String sweep, String commitId, CellResult r) {
        List<Row> rows = new ArrayList<>();
        for (EpochRecord e : r.epochs()) {
            rows.add(RowFactory.create(r.cellId(), commitId, sweep, e.epoch(), finite(e.trainLoss()), finite(e.trainAccuracy()),
                    finite(e.validationAccuracy()), e.learningRate(), e.seconds(), CellsTable.SCHEMA_VERSION));
        }
        return rows;
    }

    public static List<Row> angles(String sweep, String commitId, CellResult r) {
        List<Row> rows = new ArrayList<>();
        for (TransformAccuracy a : r.accuracies()) {
            rows.add(RowFactory.create(r.cellId(), commitId, sweep, a.transform(), a.angle(), a.accuracy(), CellsTable.SCHEMA_VERSION));
        }
        return rows;
    }

    public static List<Row> layers(String sweep, String commitId, CellResult r) {
        List<Row> rows = new ArrayList<>();
        for (LayerError e : r.layers()) {
            rows.add(RowFactory.create(r.cellId(), commitId, sweep, e.stage(), e.epoch(), e.depth(), e.layer(), e.element(), e.l1(),
                    e.relative(), CellsTable.SCHEMA_VERSION));
        }
        return rows;
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}

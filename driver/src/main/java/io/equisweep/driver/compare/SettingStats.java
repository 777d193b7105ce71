package io.equisweep.driver.compare;

import io.equisweep.driver.store.DetailTables;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.driver.store.LatestAttempt;
import io.equisweep.driver.store.SeedSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Per-cell accuracies at the four quarter turns and over the whole angle curve, in percent, and their
 * mean and 95 % interval over seeds per setting (architecture, input size, training symmetry): what a
 * comparison with published figures needs. Each cell's latest ok row counts once.
 */
final class SettingStats {
    static final List<String> METRICS = List.of("accuracy_at_0", "accuracy_at_90", "accuracy_at_180", "accuracy_at_270",
            "mean_rotation_accuracy");

    /** One setting's statistic for one metric, in percent; {@code low}/{@code high} NaN below two seeds. */
    record Stat(long n, double mean, double low, double high) {
    }

    /**
     * A cell's accuracies in percent, by metric; its accuracy-vs-angle curve (rotations, percent); and by epoch
     * (0: initialisation) the relative invariance error of its logits (mean over group elements) and its worst
     * relative equivariance error over every probe and element.
     */
    record Cell(String id, String architecture, int inputSize, String symmetry, boolean exact, Map<String, Double> values,
                Map<Double, Double> curve, Map<Integer, Double> logitError, Map<Integer, Double> worstError) {
        Cell(String id, String architecture, int inputSize, String symmetry, boolean exact, Map<String, Double> values) {
            this(id, architecture, inputSize, symmetry, exact, values, Map.of(), Map.of(), Map.of());
        }

        /** Mean accuracy (percent) over the curve's angles within {@code halfWidth} degrees of {@code centre}; NaN if none. */
        double bandAccuracy(double centre, double halfWidth) {
            return curve.entrySet().stream().filter(e -> circularDistance(e.getKey(), centre) <= halfWidth + 1e-9)
                    .mapToDouble(Map.Entry::getValue).average().orElse(Double.NaN);
        }

        static double circularDistance(double a, double b) {
            double d = Math.abs(((a - b) % 360 + 360) % 360);
            return Math.min(d, 360 - d);
        }
    }

    final List<Cell> cells;

    SettingStats(List<Cell> cells) {
        this.cells = cells;
    }

    static SettingStats read(ResultStore store, String sweep) {
        Dataset<Row> all = store.cells();
        Dataset<Row> angles = store.table(DetailTables.ANGLES);
        if (all == null || angles == null) {
            throw new IllegalArgumentException("no results at " + store.tablePath("cells"));
        }
        Dataset<Row> ok = LatestAttempt.ok(all.where(functions.col("sweep").equalTo(sweep)));
        var keys = scala.collection.JavaConverters.asScalaBuffer(List.of("sweep", "cell_id", "commit_id")).toSeq();
        List<org.apache.spark.sql.Column> pivots = new ArrayList<>();
        for (int angle : new int[] {0, 90, 180, 270}) {
            pivots.add(functions.max(functions.when(functions.col("angle").equalTo(angle), functions.col("accuracy")))
                    .as("accuracy_at_" + angle));
        }
        pivots.add(functions.first("mean_rotation_accuracy").as("mean_rotation_accuracy"));
        List<Row> rows = ok.join(angles.where(functions.col("transform").equalTo("rotation")), keys)
                .groupBy("cell_id", "architecture", "input_size", "symmetry", "exact")
                .agg(pivots.get(0), pivots.subList(1, pivots.size()).toArray(org.apache.spark.sql.Column[]::new))
                .orderBy("architecture", "input_size", "symmetry", "cell_id").collectAsList();
        Map<String, Map<Double, Double>> curves = new HashMap<>();
        for (Row r : ok.join(angles.where(functions.col("transform").equalTo("rotation")), keys)
                .select("cell_id", "angle", "accuracy").collectAsList()) {
            curves.computeIfAbsent(r.getString(0), k -> new java.util.TreeMap<>()).put(r.getDouble(1), 100 * r.getDouble(2));
        }
        Map<String, Map<Integer, Double>> logitErrors = new HashMap<>();
        Map<String, Map<Integer, Double>> worstErrors = new HashMap<>();
        Dataset<Row> layers = store.table(DetailTables.LAYERS);
        if (layers != null) {
            Dataset<Row> joined = layers.as("l").join(ok.as("c"), keys).withColumn("at_epoch",
                    functions.expr(DetailTables.EPOCH_OF_LAYER_ROW));
            for (Row r : joined.groupBy("cell_id", "at_epoch").agg(
                    functions.avg(functions.when(functions.col("layer").equalTo("logits"), functions.col("relative_error"))),
                    functions.max("relative_error")).collectAsList()) {
                int epoch = ((Number) r.get(1)).intValue();
                if (!r.isNullAt(2)) {
                    logitErrors.computeIfAbsent(r.getString(0), k -> new java.util.TreeMap<>()).put(epoch, r.getDouble(2));
                }
                worstErrors.computeIfAbsent(r.getString(0), k -> new java.util.TreeMap<>()).put(epoch, r.getDouble(3));
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Double> values = new HashMap<>();
            for (String m : METRICS) {
                Object v = r.getAs(m);
                if (v != null) {
                    values.put(m, 100 * (Double) v);
                }
            }
            String id = r.getAs("cell_id");
            cells.add(new Cell(id, r.getAs("architecture"), r.<Integer>getAs("input_size"), r.getAs("symmetry"),
                    r.<Boolean>getAs("exact"), values, curves.getOrDefault(id, Map.of()), logitErrors.getOrDefault(id, Map.of()),
                    worstErrors.getOrDefault(id, Map.of())));
        }
        return new SettingStats(cells);
    }

    List<Cell> of(String architecture, int inputSize, String symmetry) {
        return cells.stream().filter(c -> c.architecture().equals(architecture) && c.inputSize() == inputSize
                && c.symmetry().equals(symmetry)).toList();
    }

    /** The setting's per-cell values of {@code metric} (cells where it is NaN or missing left out). */
    double[] values(String architecture, int inputSize, String symmetry, java.util.function.ToDoubleFunction<Cell> metric) {
        return of(architecture, inputSize, symmetry).stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** The setting's per-cell values of a named metric. */
    double[] values(String architecture, int inputSize, String symmetry, String metric) {
        return values(architecture, inputSize, symmetry, c -> c.values().getOrDefault(metric, Double.NaN));
    }

    /** Mean and interval of a metric over the setting's cells; n = 0 when the sweep has no such cell. */
    Stat stat(String architecture, int inputSize, String symmetry, String metric) {
        double[] values = of(architecture, inputSize, symmetry).stream().filter(c -> c.values().containsKey(metric))
                .mapToDouble(c -> c.values().get(metric)).toArray();
        int n = values.length;
        if (n == 0) {
            return new Stat(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        if (n < 2) {
            return new Stat(n, mean, Double.NaN, Double.NaN);
        }
        double var = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double half = SeedSummary.t975(n - 1) * Math.sqrt(var / n);
        return new Stat(n, mean, mean - half, mean + half);
    }
}

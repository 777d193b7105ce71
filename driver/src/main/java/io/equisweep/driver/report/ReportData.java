package io.equisweep.driver.report;

import io.equisweep.driver.compare.Claim;
import io.equisweep.driver.compare.Comparison;
import io.equisweep.driver.store.DetailTables;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.driver.store.LatestAttempt;
import io.equisweep.driver.store.NumericsVersions;
import io.equisweep.driver.store.SeedSummary;
import io.equisweep.workers.cell.LayerError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What a report shows, aggregated with Spark SQL so its size depends on the number of settings, not of
 * cells: status counts, per-setting statistics over seeds, the accuracy-vs-angle curves and the
 * equivariance error per depth. Only each cell's latest {@code ok} row counts for the metrics.
 *
 * @param curves key "sweep / symmetry" → series "architecture@n (exact|approx)" → (angle, mean accuracy)
 * @param errors key "sweep / stage" → series → (depth, mean relative error over elements and seeds)
 * @param errorsByEpoch key "sweep / symmetry" → series → (epoch, the logits' mean relative invariance error over
 *                      elements and seeds), epoch 0 being initialisation
 * @param claims by sweep, the paper's claims decided on it ({@code compare}'s verdicts)
 * @param mixedNumerics the settings whose ok cells come from different numerics versions, described
 */
public record ReportData(
        List<StatusCount> statusCounts,
        List<SeedSummary.Stat> settings,
        Map<String, Map<String, List<double[]>>> curves,
        Map<String, Map<String, List<double[]>>> errors,
        Map<String, Map<String, List<double[]>>> errorsByEpoch,
        Map<String, List<Claim>> claims,
        Map<String, String> specs,
        List<String> mixedNumerics) {

    /** Cells of a sweep whose state (as {@code equisweep status} counts it) is {@code status}. */
    public record StatusCount(String sweep, String status, long cells) {
    }

    static final List<String> SETTING = List.of("sweep", "architecture", "input_size", "exact", "symmetry");
    static final List<String> METRICS = List.of("test_accuracy", "mean_rotation_accuracy", "c4_accuracy",
            "equivariance_error", "logit_invariance_error");

    /** Reads the results root; {@code sweep} restricts to one sweep ({@code null}: all). */
    public static ReportData read(ResultStore store, String sweep) {
        Dataset<Row> all = store.cells();
        if (all == null) {
            throw new IllegalArgumentException("no results: " + store.tablePath("cells") + " does not exist");
        }
        // The table is read in its declared schema, so a column that files lack reads as null: these are in every
        // row equisweep ever wrote since they existed.
        List<String> required = List.of("commit_id", "status", "finished_at", "exact", "schema_version");
        Column lacking = required.stream().map(c -> functions.col(c).isNull()).reduce(Column::or).orElseThrow();
        Row old = all.where(lacking).select(required.stream().map(functions::col).toArray(Column[]::new)).takeAsList(1)
                .stream().findFirst().orElse(null);
        if (old != null) {
            List<String> missing = required.stream().filter(c -> old.isNullAt(old.fieldIndex(c))).toList();
            throw new IllegalArgumentException(store.tablePath("cells") + " has rows without " + String.join(", ", missing)
                    + ": they were written by an older equisweep; run the sweep again into a new results root");
        }
        if (sweep != null) {
            all = all.where(functions.col("sweep").equalTo(sweep));
        }
        List<StatusCount> statusCounts = new ArrayList<>();
        store.latestStates().forEach((name, cells) -> {
            if (sweep == null || sweep.equals(name)) {
                new java.util.TreeMap<>(cells.values().stream().collect(java.util.stream.Collectors.groupingBy(
                        io.equisweep.driver.cells.CellState::label, java.util.stream.Collectors.counting())))
                        .forEach((status, n) -> statusCounts.add(new StatusCount(name, status, n)));
            }
        });
        if (statusCounts.isEmpty()) {
            throw new IllegalArgumentException("no cells" + (sweep == null ? "" : " of sweep '" + sweep + "'")
                    + " in " + store.tablePath("cells"));
        }
        Dataset<Row> ok = LatestAttempt.ok(all).cache();
        List<SeedSummary.Stat> settings = SeedSummary.compute(ok, SETTING, METRICS);

        Column series = functions.concat(functions.col("architecture"), functions.lit("@"), functions.col("input_size"),
                functions.when(functions.col("exact"), functions.lit(" (exact)")).otherwise(functions.lit(" (approx)")));
        Dataset<Row> keys = ok.select(functions.col("cell_id"), functions.col("commit_id"), functions.col("sweep"),
                functions.col("symmetry"), series.as("series"));
        var join = scala.collection.JavaConverters.asScalaBuffer(List.of("cell_id", "commit_id", "sweep")).toSeq();

        Map<String, Map<String, List<double[]>>> curves = new LinkedHashMap<>();
        Dataset<Row> angles = store.table(DetailTables.ANGLES);
        if (angles != null) {
            for (Row r : angles.where(functions.col("transform").equalTo("rotation")).join(keys, join)
                    .groupBy("sweep", "symmetry", "series", "angle").agg(functions.avg("accuracy").as("accuracy"))
                    .orderBy("sweep", "symmetry", "series", "angle").collectAsList()) {
                add(curves, r.getString(0) + " / " + r.getString(1), r.getString(2), r.getDouble(3), r.getDouble(4));
            }
        }
        Map<String, Map<String, List<double[]>>> errors = new LinkedHashMap<>();
        Dataset<Row> layers = store.table(DetailTables.LAYERS);
        if (layers != null) {
            for (Row r : layers.where(functions.col("stage").isin(LayerError.INIT, LayerError.TRAINED)).join(keys, join)
                    .groupBy("sweep", "stage", "series", "depth").agg(functions.avg("relative_error").as("error"))
                    .orderBy("sweep", "stage", "series", "depth").collectAsList()) {
                add(errors, r.getString(0) + " / " + r.getString(1), r.getString(2), r.getInt(3), r.getDouble(4));
            }
        }
        Map<String, Map<String, List<double[]>>> byEpoch = new LinkedHashMap<>();
        if (layers != null) {
            Dataset<Row> withEpochs = ok.select(functions.col("cell_id"), functions.col("commit_id"), functions.col("sweep"),
                    functions.col("symmetry"), series.as("series"), functions.col("epochs"));
            for (Row r : layers.where(functions.col("layer").equalTo("logits")).as("l").join(withEpochs.as("c"), join)
                    .withColumn("at_epoch", functions.expr(DetailTables.EPOCH_OF_LAYER_ROW))
                    .groupBy("sweep", "symmetry", "series", "at_epoch").agg(functions.avg("relative_error").as("error"))
                    .orderBy("sweep", "symmetry", "series", "at_epoch").collectAsList()) {
                add(byEpoch, r.getString(0) + " / " + r.getString(1), r.getString(2), ((Number) r.get(3)).doubleValue(),
                        r.getDouble(4));
            }
        }
        ok.unpersist();
        Map<String, List<Claim>> claims = new LinkedHashMap<>();
        for (StatusCount c : statusCounts) {
            if (c.status().equals("ok") && !claims.containsKey(c.sweep())) {
                claims.put(c.sweep(), Comparison.claims(store, c.sweep()));
            }
        }
        Map<String, String> specs = new LinkedHashMap<>(store.specs());
        if (sweep != null) {
            specs.keySet().retainAll(List.of(sweep));
        }
        List<String> mixed = NumericsVersions.mixed(ok, SETTING).stream().map(m -> m.describe(SETTING)).toList();
        return new ReportData(statusCounts, settings, curves, errors, byEpoch, claims, specs, mixed);
    }

    private static void add(Map<String, Map<String, List<double[]>>> charts, String chart, String series, double x, double y) {
        charts.computeIfAbsent(chart, k -> new LinkedHashMap<>()).computeIfAbsent(series, k -> new ArrayList<>())
                .add(new double[] {x, y});
    }
}

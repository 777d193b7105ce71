package io.equisweep.driver.store;

import io.equisweep.workers.Numerics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Which numerics version ({@link Numerics}) computed the stored cells: the stale ones (ok, but computed by an
 * older version) and the settings whose cells mix versions, which no summary averages without saying so. Rows
 * written before the {@code numerics_version} column existed count as version 1.
 */
public final class NumericsVersions {
    public static final String COLUMN = "numerics_version";
    /** The version of rows written before the column existed. */
    public static final int UNRECORDED = 1;

    /** A setting (the values of the grouping columns) whose cells come from several versions: version → cells. */
    public record Mix(List<Object> group, Map<Integer, Long> cells) {
        /** e.g. {@code architecture=p4cnn input_size=28 symmetry=upright: v1 (2 cells), v2 (1 cell)}. */
        public String describe(List<String> by) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < by.size(); i++) {
                parts.add(by.get(i) + "=" + group.get(i));
            }
            return String.join(" ", parts) + ": " + counts(cells);
        }
    }

    private NumericsVersions() {
    }

    /** Each row's version. */
    public static Column version(Dataset<Row> cells) {
        return List.of(cells.columns()).contains(COLUMN)
                ? functions.coalesce(functions.col(COLUMN), functions.lit(UNRECORDED)) : functions.lit(UNRECORDED);
    }

    /** The settings of {@code okCells} (grouped by {@code by}) whose cells come from more than one version. */
    public static List<Mix> mixed(Dataset<Row> okCells, List<String> by) {
        Column[] groups = by.stream().map(functions::col).toArray(Column[]::new);
        Map<List<Object>, Map<Integer, Long>> bySetting = new LinkedHashMap<>();
        Dataset<Row> counted = okCells.withColumn("_v", version(okCells)).groupBy(groups).agg(
                functions.collect_list(functions.col("_v")).as("_versions"));
        for (Row r : counted.collectAsList()) {
            List<Object> group = new ArrayList<>();
            for (int i = 0; i < by.size(); i++) {
                group.add(r.get(i));
            }
            Map<Integer, Long> cells = new TreeMap<>();
            for (Object v : r.getList(by.size())) {
                cells.merge(((Number) v).intValue(), 1L, Long::sum);
            }
            if (cells.size() > 1) {
                bySetting.put(group, cells);
            }
        }
        return bySetting.entrySet().stream().map(e -> new Mix(e.getKey(), e.getValue())).toList();
    }

    /** Each sweep's cells whose latest attempt is ok but was computed by another version than this build's. */
    public static Map<String, Set<String>> stale(Dataset<Row> cells) {
        return StoredCells.of(cells).stale();
    }

    /** e.g. {@code v1 (2 cells), v2 (30 cells)}. */
    public static String counts(Map<Integer, Long> cells) {
        return cells.entrySet().stream().map(e -> "v" + e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " cell)" : " cells)"))
                .collect(Collectors.joining(", "));
    }
}

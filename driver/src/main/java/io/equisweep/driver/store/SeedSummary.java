package io.equisweep.driver.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Aggregation over seeds (or any ungrouped axes): per group and summary metric, the number of cells, the
 * mean, the sample standard deviation and a 95 % confidence interval from Student's t. Only cells whose
 * {@link LatestAttempt} is {@code ok} count.
 */
public final class SeedSummary {
    public static final List<String> METRICS = List.of("test_accuracy", "mean_rotation_accuracy",
            "worst_rotation_accuracy", "c4_accuracy", "d4_accuracy", "equivariance_error", "logit_invariance_error");
    public static final List<String> DEFAULT_BY = List.of("architecture", "input_size", "symmetry");

    /** t_{0.975, df} for df = 1..30. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /** One group's statistics for one metric; std and the interval are NaN with fewer than two values. */
    public record Stat(List<Object> group, String metric, long n, double mean, double std, double low, double high) {
    }

    private SeedSummary() {
    }

    public static double t975(long df) {
        if (df < 1) {
            return Double.NaN;
        }
        return df <= T975.length ? T975[(int) df - 1] : 1.959964 + 2.37 / df;
    }

    public static List<Stat> compute(Dataset<Row> cells, List<String> by, List<String> metrics) {
        Set<String> columns = Set.of(cells.columns());
        List<Column> groups = new ArrayList<>();
        for (String b : by) {
            groups.add(functions.col(b));
        }
        List<Column> aggregates = new ArrayList<>();
        for (String m : metrics) {
            if (!columns.contains(m)) {
                throw new IllegalArgumentException("no metric column '" + m + "'; metrics: " + String.join(", ", METRICS));
            }
            aggregates.add(functions.count(functions.col(m)).as(m + "#n"));
            aggregates.add(functions.avg(m).as(m + "#mean"));
            aggregates.add(functions.stddev_samp(m).as(m + "#std"));
        }
        List<Row> rows = LatestAttempt.ok(cells).groupBy(groups.toArray(Column[]::new))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .orderBy(groups.toArray(Column[]::new)).collectAsList();
        List<Stat> out = new ArrayList<>();
        for (Row r : rows) {
            List<Object> group = new ArrayList<>();
            for (int i = 0; i < by.size(); i++) {
                group.add(r.get(i));
            }
            for (String m : metrics) {
                long n = r.getLong(r.fieldIndex(m + "#n"));
                if (n == 0) {
                    continue;
                }
                double mean = r.getDouble(r.fieldIndex(m + "#mean"));
                Object s = r.get(r.fieldIndex(m + "#std"));
                double std = n < 2 || s == null ? Double.NaN : (Double) s;
                double half = n < 2 ? Double.NaN : t975(n - 1) * std / Math.sqrt(n);
                out.add(new Stat(group, m, n, mean, std, mean - half, mean + half));
            }
        }
        return out;
    }

    public static List<String> metricsOrDefault(String[] requested) {
        return requested == null || requested.length == 0 ? METRICS : Arrays.stream(requested).map(SeedSummary::column).toList();
    }

    /** {@code testAccuracy} or {@code test_accuracy} → {@code test_accuracy}. */
    public static String column(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}

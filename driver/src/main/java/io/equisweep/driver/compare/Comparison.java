package io.equisweep.driver.compare;

import io.equisweep.driver.cli.TextTable;
import io.equisweep.driver.store.LatestAttempt;
import io.equisweep.driver.store.NumericsVersions;
import io.equisweep.driver.store.ResultStore;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code equisweep compare}: a sweep's per-setting means beside published figures (a CSV of reference
 * values, read with Spark SQL), then the paper's claims, each HOLDS / CONTRADICTED / INCONCLUSIVE / MISSING with the
 * comparisons behind it.
 */
public final class Comparison {
    static final List<String> COLUMNS = List.of("source", "architecture", "input_size", "symmetry", "metric", "value");

    private Comparison() {
    }

    /** What the claims came to, worst first. */
    public enum Outcome {
        /** Some claim is contradicted by the data. */
        CONTRADICTED,
        /** None is contradicted, but some cannot be decided with these cells (inconclusive or missing). */
        UNSETTLED,
        /** Every claim holds. */
        ALL_HOLD
    }

    public static Outcome print(SparkSession spark, String results, String sweep, String reference, PrintStream out) {
        List<Row> rows = spark.read().option("header", "true").option("mode", "FAILFAST").csv(reference).collectAsList();
        if (rows.isEmpty() || !java.util.Arrays.asList(rows.get(0).schema().fieldNames()).containsAll(COLUMNS)) {
            throw new IllegalArgumentException(reference + ": expected a CSV with the columns " + String.join(", ", COLUMNS));
        }
        SettingStats stats = SettingStats.read(new ResultStore(spark, results), sweep);
        if (stats.cells.isEmpty()) {
            throw new IllegalArgumentException("no ok cells of sweep '" + sweep + "' in " + results);
        }
        out.printf("Sweep '%s' (%d ok cells) beside %s. Accuracy in %%; ours: mean [95%% CI] over n seeds.%n%n", sweep,
                stats.cells.size(), reference);
        TextTable table = new TextTable("net", "training", "metric", "ours", "n", "reference", "ours − ref", "source");
        for (Row r : rows) {
            String metric = r.getAs("metric");
            String arch = r.getAs("architecture");
            int size = Integer.parseInt(r.<String>getAs("input_size").strip());
            String symmetry = r.getAs("symmetry");
            double value = Double.parseDouble(r.<String>getAs("value").strip());
            boolean asError = metric.equals("rotated_test_error");
            SettingStats.Stat s = stats.stat(arch, size, symmetry, asError ? "mean_rotation_accuracy" : metric);
            String ours = s.n() == 0 ? "—" : fmtStat(asError ? new SettingStats.Stat(s.n(), 100 - s.mean(),
                    100 - s.high(), 100 - s.low()) : s);
            String diff = s.n() == 0 ? "—" : String.format(Locale.ROOT, "%+.2f", (asError ? 100 - s.mean() : s.mean()) - value);
            table.add(arch + "@" + size, symmetry, asError ? "test error, rotated (≈ 100 − mean over angles)" : metric,
                    ours, String.valueOf(s.n()), PaperClaims.fmt(value), diff, r.getAs("source"));
        }
        table.print(out);
        List<String> by = List.of("architecture", "input_size", "symmetry");
        var store = new ResultStore(spark, results);
        List<NumericsVersions.Mix> mixed = NumericsVersions.mixed(LatestAttempt.ok(store.cells()
                .where(org.apache.spark.sql.functions.col("sweep").equalTo(sweep))), by);
        if (!mixed.isEmpty()) {
            out.println();
            out.println("warning: these settings average cells computed by different numerics versions "
                    + "(run --rerun-stale recomputes the older ones):");
            mixed.forEach(m -> out.println("  " + m.describe(by)));
        }
        out.println();
        out.println("The paper's claims, checked on this sweep:");
        out.println("(comparative claims: two-sided Welch tests over seeds at α = 0.05, [95 % interval] of each difference;");
        out.println(" margins are decided on that interval)");
        List<Claim> claims = PaperClaims.check(stats);
        for (Claim c : claims) {
            out.printf("%-12s %s%n", c.verdict(), c.statement());
            c.evidence().forEach(line -> out.printf("             %s%n", line));
        }
        store.saveVerdicts(sweep, verdictsCsv(sweep, claims));
        java.util.Map<Claim.Verdict, Long> counts = new java.util.EnumMap<>(Claim.Verdict.class);
        claims.forEach(c -> counts.merge(c.verdict(), 1L, Long::sum));
        out.printf("%d of %d claims hold%s.%n", counts.getOrDefault(Claim.Verdict.HOLDS, 0L), claims.size(),
                counts.entrySet().stream().filter(e -> e.getKey() != Claim.Verdict.HOLDS)
                        .map(e -> ", " + e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.joining()));
        if (counts.containsKey(Claim.Verdict.CONTRADICTED)) {
            return Outcome.CONTRADICTED;
        }
        return counts.getOrDefault(Claim.Verdict.HOLDS, 0L) == claims.size() ? Outcome.ALL_HOLD : Outcome.UNSETTLED;
    }

    /** The paper's claims decided on a sweep's ok cells (see {@link PaperClaims}). */
    public static List<Claim> claims(ResultStore store, String sweep) {
        return PaperClaims.check(SettingStats.read(store, sweep));
    }

    /** The verdicts as the notes show them: one row per claim, its comparisons joined by " | ". */
    static String verdictsCsv(String sweep, List<Claim> claims) {
        StringBuilder csv = new StringBuilder("sweep,claim,verdict,evidence\n");
        int i = 0;
        for (Claim c : claims) {
            csv.append(quote(sweep)).append(',').append(quote(++i + ". " + c.statement())).append(',')
                    .append(c.verdict()).append(',').append(quote(String.join(" | ", c.evidence()))).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String field) {
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String fmtStat(SettingStats.Stat s) {
        return Double.isNaN(s.low()) ? PaperClaims.fmt(s.mean())
                : String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", s.mean(), s.low(), s.high());
    }
}

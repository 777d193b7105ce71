package io.equisweep.driver.cli;

import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.CellField;
import io.equisweep.driver.spec.CellFields;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.store.LatestAttempt;
import io.equisweep.driver.store.NumericsVersions;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.driver.store.SeedSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Mean, standard deviation and 95%% confidence interval over seeds of each summary metric, ",
            "per group of the --by axes (the latest ok row of each cell counts)."})
final class SummaryCommand implements Callable<Integer> {
    /** Columns that are no axis but may group: which code computed the cells. */
    private static final List<String> PROVENANCE = List.of(NumericsVersions.COLUMN, "build");

    @Parameters(index = "0", paramLabel = "SPEC|RESULTS", description = "A sweep spec (YAML) or a results root.")
    String target;

    @Option(names = "--by", split = ",", paramLabel = "AXES",
            description = "Axes to group by (spec or column names; default: architecture,inputSize,symmetry).")
    String[] by;

    @Option(names = "--metrics", split = ",", paramLabel = "METRICS", description = "Metric columns (default: all).")
    String[] metrics;

    @Option(names = "--output", paramLabel = "PATH", description = "With a spec: results root, overriding the spec's 'output'.")
    String output;

    @Override
    public Integer call() {
        ResultsTarget where = ResultsTarget.of(target, output);
        SweepSpec sweep = where.sweep();
        String root = where.root();
        List<String> groups = new ArrayList<>();
        if (sweep == null) {
            groups.add("sweep");
        }
        if (by == null) {
            groups.addAll(SeedSummary.DEFAULT_BY);
        } else {
            for (String axis : by) {
                if (PROVENANCE.contains(axis)) {
                    groups.add(axis);
                    continue;
                }
                groups.add(CellFields.axisByName(axis).map(CellField::column).orElseThrow(() -> new BadInputException(
                        "cannot group by '" + axis + "'; axes: " + String.join(", ", CellFields.keys(CellFields.axes()))
                                + "; or by " + String.join(", ", PROVENANCE))));
            }
        }
        List<String> wanted = SeedSummary.metricsOrDefault(metrics);
        try (SparkSession spark = SparkSessions.create("equisweep summary", "local[1]")) {
            Dataset<Row> cells = new ResultStore(spark, root).cells();
            if (cells == null) {
                System.out.println("No cells stored under " + root + ".");
                return ExitCodes.OK;
            }
            Set<String> columns = Set.of(cells.columns());
            for (String g : groups) {
                if (!columns.contains(g)) {
                    throw new BadInputException("cannot group by '" + g + "': the cells table under " + root
                            + " has no such column (written by an older equisweep)");
                }
            }
            for (String m : wanted) {
                if (!SeedSummary.METRICS.contains(m)) {
                    throw new BadInputException("unknown metric '" + m + "'; metrics: " + String.join(", ", SeedSummary.METRICS));
                }
            }
            if (sweep != null) {
                List<String> ids = GridExpander.expand(sweep).stream().map(c -> c.spec().id()).toList();
                cells = cells.where(functions.col("sweep").equalTo(sweep.name()).and(functions.col("cell_id").isin(ids.toArray())));
            }
            List<NumericsVersions.Mix> mixed = NumericsVersions.mixed(LatestAttempt.ok(cells), groups);
            if (!mixed.isEmpty()) {
                System.out.println("warning: these groups average cells computed by different numerics versions "
                        + "(run --rerun-stale recomputes the older ones, or group by numerics_version):");
                mixed.forEach(m -> System.out.println("  " + m.describe(groups)));
            }
            List<String> header = new ArrayList<>(groups);
            header.addAll(List.of("metric", "n", "mean", "std", "ci95"));
            TextTable table = new TextTable(header.toArray(String[]::new));
            for (SeedSummary.Stat s : SeedSummary.compute(cells, groups, wanted)) {
                List<Object> row = new ArrayList<>(s.group());
                row.add(s.metric());
                row.add(s.n());
                row.add(format(s.mean()));
                row.add(format(s.std()));
                row.add(Double.isNaN(s.low()) ? "-" : "[" + format(s.low()) + ", " + format(s.high()) + "]");
                table.add(row.toArray());
            }
            table.print(System.out);
        }
        return ExitCodes.OK;
    }

    private static String format(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        return Math.abs(x) != 0 && Math.abs(x) < 1e-3 ? String.format(Locale.ROOT, "%.2e", x) : String.format(Locale.ROOT, "%.4f", x);
    }
}

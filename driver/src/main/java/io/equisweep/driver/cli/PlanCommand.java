package io.equisweep.driver.cli;

import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.spec.CellField;
import io.equisweep.driver.spark.RerunPolicy;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.driver.store.StoredCells;
import io.equisweep.workers.arch.Architectures;
import org.apache.spark.sql.SparkSession;
import io.equisweep.workers.data.DatasetSource;
import io.equisweep.workers.data.Datasets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Validates a sweep spec and prints its cells, their ids, exactness and estimated cost. Writes nothing.")
final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (YAML).")
    Path spec;

    @Option(names = "--max-cells", paramLabel = "N", description = "Refuse grids larger than N cells.")
    Integer maxCells;

    @Override
    public Integer call() {
        SweepSpec sweep = SpecReader.read(spec, maxCells);
        List<PlannedCell> cells = GridExpander.expand(sweep);
        StoredCells all = stored(sweep);
        Map<String, CellState> states = all.states(sweep.name());
        java.util.Set<String> stale = all.stale(sweep.name());
        List<CellField<?>> axes = List.copyOf(sweep.axes().keySet());
        List<String> header = new ArrayList<>(List.of("#", "cell_id"));
        axes.forEach(f -> header.add(f.key()));
        header.addAll(List.of("exact", "params", "est_seconds", "state"));
        DatasetSource source = Datasets.get(sweep.dataset().name());
        Map<String, Long> parameters = new HashMap<>();
        TextTable table = new TextTable(header.toArray(String[]::new));
        double total = 0;
        int i = 0;
        for (PlannedCell c : cells) {
            List<Object> row = new ArrayList<>(List.of(++i, c.spec().id()));
            axes.forEach(f -> row.add(f.columnValue(c.spec())));
            row.add(c.exactness().exact() ? "yes" : "no (" + c.exactness().breakingLayer() + ")");
            row.add(parameters.computeIfAbsent(c.spec().architecture(), a -> Architectures.get(a)
                    .parameterCount(source.channels(sweep.dataset()), source.classes(sweep.dataset()))));
            row.add(String.format(Locale.ROOT, "%.0f", c.estimatedSeconds()));
            row.add(state(states, c).label() + (stale.contains(c.spec().id()) ? " (stale)" : ""));
            table.add(row.toArray());
            total += c.estimatedSeconds();
        }
        System.out.printf("Sweep '%s' on %s: %d cells, results in %s%n", sweep.name(), sweep.dataset().name(),
                cells.size(), sweep.output());
        table.print(System.out);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Estimated cost: %.1f core-minutes (about %.1f minutes on %d local cores).%n",
                total / 60, total / 60 / cores, cores);
        for (RerunPolicy policy : RerunPolicy.values()) {
            long n = cells.stream().filter(c -> policy.runs(state(states, c), stale.contains(c.spec().id()))).count();
            System.out.printf("%s would run %d of %d cells.%n", policy.command(), n, cells.size());
        }
        return ExitCodes.OK;
    }

    private static CellState state(Map<String, CellState> states, PlannedCell cell) {
        return states.getOrDefault(cell.spec().id(), CellState.PENDING);
    }

    /** The stored cells; starts Spark only when there are results to read. */
    private static StoredCells stored(SweepSpec sweep) {
        boolean remote = sweep.output().contains("://");
        if (!remote && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(sweep.output(), CellsTable.NAME))) {
            return StoredCells.NONE;
        }
        try (SparkSession spark = SparkSessions.create("equisweep plan", "local[1]")) {
            return new ResultStore(spark, sweep.output()).storedCells();
        }
    }
}

package io.equisweep.driver.cli;

import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.store.NumericsVersions;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.driver.store.StoredCells;
import io.equisweep.workers.Numerics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Counts cells by status.",
            "Given a spec: the cells of that sweep (cells never run count as pending).",
            "Given a results folder: every sweep stored there."})
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC|RESULTS", description = "A sweep spec (YAML) or a results root.")
    String target;

    @Option(names = "--output", paramLabel = "PATH", description = "With a spec: results root, overriding the spec's 'output'.")
    String output;

    @Override
    public Integer call() {
        ResultsTarget where = ResultsTarget.of(target, output);
        SweepSpec sweep = where.sweep();
        String root = where.root();
        try (SparkSession spark = SparkSessions.create("equisweep status", "local[1]")) {
            ResultStore store = new ResultStore(spark, root);
            StoredCells stored = store.storedCells();
            Map<String, Map<String, CellState>> latest = stored.states();
            TextTable table = new TextTable("sweep", "status", "cells");
            if (sweep != null) {
                List<PlannedCell> cells = GridExpander.expand(sweep);
                Map<String, CellState> states = stored.states(sweep.name());
                Map<String, Integer> counts = new TreeMap<>();
                for (PlannedCell c : cells) {
                    counts.merge(states.getOrDefault(c.spec().id(), CellState.PENDING).label(), 1, Integer::sum);
                }
                counts.forEach((status, n) -> table.add(sweep.name(), status, n));
                table.add(sweep.name(), "total", cells.size());
            } else {
                if (latest.isEmpty()) {
                    System.out.println("No cells stored under " + root + ".");
                    return ExitCodes.OK;
                }
                latest.forEach((name, cells) -> {
                    Map<String, Integer> counts = new TreeMap<>();
                    cells.values().forEach(s -> counts.merge(s.label(), 1, Integer::sum));
                    counts.forEach((status, n) -> table.add(name, status, n));
                });
            }
            table.print(System.out);
            stored.versions().forEach((name, versions) -> {
                if (sweep == null || sweep.name().equals(name)) {
                    boolean current = versions.size() == 1 && versions.containsKey(Numerics.VERSION);
                    System.out.println("Sweep '" + name + "': ok cells by numerics version: " + NumericsVersions.counts(versions)
                            + (current ? " (this build's)" : "; this build computes v" + Numerics.VERSION
                                    + (versions.size() > 1 ? ": MIXED" : "") + ", 'run --rerun-stale' recomputes the others"));
                }
            });
        }
        return ExitCodes.OK;
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.Version;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.workers.NativeBackend;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.TrainingMode;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a validated sweep: expands the grid, skips cells already {@code ok} in the store, runs the rest
 * one Spark task per cell (longest first), and commits each cell's rows as soon as it finishes.
 */
public final class SweepRunner {
    private final SweepSpec spec;
    private final String output;
    private final PrintStream out;
    private final RerunPolicy policy;

    public SweepRunner(SweepSpec spec, String output, PrintStream out) {
        this(spec, output, out, RerunPolicy.NOT_OK);
    }

    public SweepRunner(SweepSpec spec, String output, PrintStream out, RerunPolicy policy) {
        this.spec = spec;
        this.output = output;
        this.out = out;
        this.policy = policy;
    }

    /**
     * Counts by status of the cells this run attempted (empty when there was nothing to do), and where the
     * run's time went: its wall time from the first task, and the cells' summed training and busy
     * (training + evaluation + equivariance) seconds, on {@code slots} task slots.
     */
    public record Summary(int total, int alreadyOk, Map<CellStatus, Integer> attempted, double wallSeconds,
                          double trainSeconds, double busySeconds, int slots) {
        public boolean allOk() {
            return attempted.entrySet().stream().allMatch(e -> e.getKey() == CellStatus.OK || e.getValue() == 0);
        }

        /** Wall time over the ideal: the summed training time spread evenly over the slots (1 = no overhead). */
        public double wallOverTraining() {
            return wallSeconds / (trainSeconds / slots);
        }
    }

    public Summary run(SparkSession spark) throws InterruptedException {
        List<PlannedCell> cells = GridExpander.expand(spec);
        ResultStore store = new ResultStore(spark, output);
        for (String stale : store.recover()) {
            out.println("Removed " + stale + ", left by a run that was killed while committing.");
        }
        Map<String, CellState> latest = store.latestStates().getOrDefault(spec.name(), Map.of());
        long done = cells.stream().filter(c -> latest.getOrDefault(c.spec().id(), CellState.PENDING).done()).count();
        List<PlannedCell> pending = cells.stream().filter(c -> policy.runs(latest.getOrDefault(c.spec().id(), CellState.PENDING)))
                .sorted(Comparator.comparingDouble(PlannedCell::estimatedSeconds).reversed()).toList();
        Map<CellStatus, Integer> counts = new EnumMap<>(CellStatus.class);
        if (pending.isEmpty()) {
            out.println(switch (policy) {
                case FAILED_ONLY -> String.format("No cell of sweep '%s' has failed or diverged in %s; nothing to run.",
                        spec.name(), output);
                default -> String.format("All %d cells of sweep '%s' are already ok in %s; nothing to run.", cells.size(),
                        spec.name(), output);
            });
            return new Summary(cells.size(), (int) done, counts, 0, 0, 0, 0);
        }
        out.printf("Sweep '%s': running %d of %d cells (%d already ok) on %s, %d task slots, ND4J %s%n",
                spec.name(), pending.size(), cells.size(), done, SparkSessions.displayedMaster(spark.sparkContext()),
                CellScheduler.taskSlots(spark.sparkContext()), NativeBackend.describe());
        out.printf("Results: %s%n", store.tablePath(CellsTable.NAME));

        Map<String, PlannedCell> byId = pending.stream()
                .collect(Collectors.toMap(c -> c.spec().id(), Function.identity()));
        long start = System.nanoTime();
        int[] finished = {0};
        double[] seconds = {0, 0};
        ProgressBar bar = ProgressBar.forConsole(System.err, pending.size());
        CellScheduler scheduler = new CellScheduler(spark, spec.name());
        bar.draw(CellScheduler.taskSlots(spark.sparkContext()));
        java.util.function.Consumer<CellAttempt> onFinished = attempt -> {
            PlannedCell planned = byId.get(attempt.result().cellId());
            store.commit(spec.name(), planned, attempt, Version.get());
            counts.merge(attempt.result().status(), 1, Integer::sum);
            finished[0]++;
            CellResult r = attempt.result();
            if (r.status() == CellStatus.OK) {
                seconds[0] += r.trainSeconds();
                seconds[1] += r.trainSeconds() + r.metricSeconds();
            }
            bar.clear();
            out.println(progressLine(finished[0], pending.size(), planned.spec(), r, start));
            bar.cellFinished(r.status() == CellStatus.OK, (r.finishedAtMillis() - r.startedAtMillis()) / 1000.0,
                    CellScheduler.taskSlots(spark.sparkContext()));
        };
        scheduler.run(pending.stream().map(PlannedCell::spec)
                .filter(c -> c.training().mode() == TrainingMode.SINGLE).toList(), onFinished);
        for (PlannedCell cell : pending) {
            if (cell.spec().training().mode() == TrainingMode.DATA_PARALLEL) {
                onFinished.accept(DataParallelCell.run(spark, spec.name(), cell.spec()));
            }
        }
        bar.clear();
        double wall = (System.nanoTime() - start) / 1e9;
        Summary summary = new Summary(cells.size(), (int) done, counts, wall, seconds[0], seconds[1],
                CellScheduler.taskSlots(spark.sparkContext()));
        out.printf("Sweep '%s' finished in %.1f s: %s%n", spec.name(), wall,
                counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().tableName())
                        .collect(Collectors.joining(", ")));
        if (summary.trainSeconds() > 0) {
            out.printf(Locale.ROOT, "Cells trained %.1f s (busy %.1f s with evaluation) on %d slots: "
                    + "wall / (training / slots) = %.3f%n", summary.trainSeconds(), summary.busySeconds(),
                    summary.slots(), summary.wallOverTraining());
        }
        return summary;
    }

    private static String progressLine(int done, int total, CellSpec cell, CellResult r, long start) {
        String what = switch (r.status()) {
            case OK -> String.format(Locale.ROOT, "test acc %.3f, train %.1f s", r.testAccuracy(), r.trainSeconds());
            default -> r.error();
        };
        return String.format(Locale.ROOT, "[%d/%d %5.0fs] %-8s %s  %s  %s", done, total,
                (System.nanoTime() - start) / 1e9, r.status().tableName(), cell.id(), cell.label(), what);
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.Version;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.store.CellClaims;
import io.equisweep.driver.store.CellsFolding;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.workers.NativeBackend;
import io.equisweep.workers.Numerics;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.TrainingMode;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a validated sweep: plans it against the store, runs the pending cells one Spark task per cell (longest
 * first), and commits each cell's rows as soon as it finishes.
 */
public final class SweepRunner {
    private final SweepSpec spec;
    private final String output;
    private final PrintStream out;
    private final RerunPolicy policy;
    private boolean train = true;
    /** The claim that lets one driver at a time fold a sweep's cells files (no cell id is 4 characters long). */
    private static final String FOLD_LOCK = "fold";

    public SweepRunner(SweepSpec spec, String output, PrintStream out) {
        this(spec, output, out, RerunPolicy.NOT_OK);
    }

    /** For {@code bench --scale} only: cells run through the whole driver path but train nothing. */
    public SweepRunner withoutTraining() {
        train = false;
        return this;
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

    /**
     * Plans the run ({@link SweepPlan}), runs its single-task cells through the {@link CellScheduler} and then its
     * data-parallel cells, and commits each finished cell to the store at once, telling the console and
     * {@code listeners} after each commit.
     */
    public Summary run(SparkSession spark, CellListener... listeners) throws InterruptedException {
        ResultStore store = new ResultStore(spark, output);
        var conf = spark.sparkContext().getConf();
        for (String stale : store.recover(1000 * EquisweepConf.ABANDONED_AFTER_SECONDS.get(conf))) {
            out.println("Removed " + stale + ", left by a run that was killed while committing.");
        }
        try (CellClaims claims = new CellClaims(spark.sparkContext().hadoopConfiguration(), output,
                1000 * EquisweepConf.CLAIM_TIMEOUT_SECONDS.get(conf), CellClaims.Role.RUN)) {
            for (List<String> compacting = claims.otherLiveWriters(CellClaims.Role.COMPACT); !compacting.isEmpty();
                    compacting = claims.otherLiveWriters(CellClaims.Role.COMPACT)) {
                out.println("Waiting for " + String.join(", ", compacting) + " to finish compacting " + output + " ...");
                Thread.sleep(2000);
            }
            return run(spark, store, claims, listeners);
        }
    }

    private Summary run(SparkSession spark, ResultStore store, CellClaims claims, CellListener... listeners)
            throws InterruptedException {
        claims.planned(spec.name());
        SweepPlan plan = SweepPlan.of(spec, store, policy);
        List<PlannedCell> pending = plan.pending();
        Map<CellStatus, Integer> counts = new EnumMap<>(CellStatus.class);
        if (!plan.stale().isEmpty() && policy != RerunPolicy.STALE) {
            out.printf("%d ok cells of sweep '%s' are stale: computed by an older numerics version than this build's "
                    + "(v%d); '%s' reruns exactly those.%n", plan.stale().size(), spec.name(), Numerics.VERSION,
                    RerunPolicy.STALE.command());
        }
        if (pending.isEmpty()) {
            out.println(switch (policy) {
                case FAILED_ONLY -> String.format("No cell of sweep '%s' has failed or diverged in %s; nothing to run.",
                        spec.name(), output);
                case STALE -> String.format("No cell of sweep '%s' in %s is stale (every ok cell is numerics v%d); "
                        + "nothing to run.", spec.name(), output, Numerics.VERSION);
                default -> String.format("All %d cells of sweep '%s' are already ok in %s; nothing to run.",
                        plan.cells().size(), spec.name(), output);
            });
            return new Summary(plan.cells().size(), (int) plan.alreadyOk(), counts, 0, 0, 0, 0);
        }
        int slots = CellScheduler.taskSlots(spark.sparkContext());
        out.printf("Sweep '%s': running %d of %d cells (%d already ok) on %s, %d task slots, ND4J %s%n",
                spec.name(), pending.size(), plan.cells().size(), plan.alreadyOk(),
                SparkSessions.displayedMaster(spark.sparkContext()), slots, NativeBackend.describe());
        out.printf("Results: %s%n", store.tablePath(CellsTable.NAME));

        Map<String, PlannedCell> byId = pending.stream().collect(Collectors.toMap(c -> c.spec().id(), Function.identity()));
        long start = System.nanoTime();
        double[] seconds = {0, 0};
        ConsoleProgress console = new ConsoleProgress(out, pending.size(), slots);
        List<CellListener> told = new java.util.ArrayList<>(List.of(console));
        told.addAll(List.of(listeners));
        told.add((cell, attempt) -> {
            CellResult r = attempt.result();
            counts.merge(r.status(), 1, Integer::sum);
            if (r.status() == CellStatus.OK) {
                seconds[0] += r.trainSeconds();
                seconds[1] += r.trainSeconds() + r.metricSeconds();
            }
        });
        java.util.function.Consumer<CellAttempt> commit = attempt -> {
            PlannedCell planned = byId.get(attempt.result().cellId());
            store.commit(spec.name(), planned, attempt, Version.get());
            claims.release(spec.name(), planned.spec().id(), true);
            told.forEach(l -> l.committed(planned, attempt));
        };
        CellScheduler scheduler = new CellScheduler(spark, spec.name(), claims, train);
        scheduler.run(pending.stream().map(PlannedCell::spec)
                .filter(c -> c.training().mode() == TrainingMode.SINGLE).toList(), commit);
        int elsewhere = scheduler.doneElsewhere();
        for (PlannedCell cell : pending) {
            if (cell.spec().training().mode() == TrainingMode.DATA_PARALLEL) {
                CellClaims.Outcome outcome = claims.claim(spec.name(), cell.spec().id());
                if (outcome == CellClaims.Outcome.CLAIMED) {
                    commit.accept(DataParallelCell.run(spark, spec.name(), cell.spec()));
                } else {
                    out.printf("Cell %s is %s by another driver; not run here.%n", cell.spec().id(),
                            outcome == CellClaims.Outcome.DONE_ELSEWHERE ? "done" : "being run");
                    elsewhere++;
                }
            }
        }
        if (claims.claim(spec.name(), FOLD_LOCK) == CellClaims.Outcome.CLAIMED) {
            try {
                int folded = CellsFolding.fold(spark, store, spec.name());
                if (folded > 0) {
                    out.printf("Folded the sweep's %d cells files into one.%n", folded);
                }
            } finally {
                claims.release(spec.name(), FOLD_LOCK, false);
            }
        }
        if (elsewhere > 0) {
            out.printf("%d of the %d cells to run were run by another driver on %s meanwhile.%n", elsewhere,
                    pending.size(), output);
        }
        console.close();
        double wall = (System.nanoTime() - start) / 1e9;
        Summary summary = new Summary(plan.cells().size(), (int) plan.alreadyOk(), counts, wall, seconds[0], seconds[1], slots);
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
}

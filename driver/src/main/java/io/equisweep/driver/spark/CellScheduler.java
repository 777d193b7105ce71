package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.store.CellClaims;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs cells as Spark tasks, one task per cell: the cells form one RDD with one partition each, and
 * each partition is submitted as its own job. A finished cell's result therefore reaches the driver as
 * soon as its task ends (not when the whole sweep ends), a cell whose task fails for good fails alone,
 * and the Spark UI names the cell in each job's description.
 *
 * <p>Only as many cell jobs are in flight as there are cell slots, and the given order (longest first)
 * stays the order in which slots pick cells up. The caller commits each result with a Spark job of its
 * own, which under FIFO scheduling would wait behind every queued cell (in the first version, all
 * commits of a sweep landed at its end). On a cluster a finished cell is therefore handed to the caller
 * before the next one is submitted; embedded Spark has a thread reserved for commits, so there the next
 * cell starts first and no slot idles while its predecessor commits, and the commits run on a thread
 * of their own, one after another, so that the scheduling loop keeps filling slots meanwhile.
 */
public final class CellScheduler {
    private static final long POLL_MILLIS = 200;

    private static final long RETRY_CLAIMS_MILLIS = 1000;

    private final SparkSession spark;
    private final String sweepName;
    private final CellClaims claims;
    private final boolean train;
    private int doneElsewhere;

    /** A scheduler that runs every cell it is given (no other driver shares the results root). */
    public CellScheduler(SparkSession spark, String sweepName) {
        this(spark, sweepName, null);
    }

    /**
     * A scheduler that runs a cell only once it holds the cell's claim: cells another live driver runs wait
     * until that driver commits them (then they count as done elsewhere) or its claim expires (then this one
     * takes them over).
     */
    public CellScheduler(SparkSession spark, String sweepName, CellClaims claims) {
        this(spark, sweepName, claims, true);
    }

    /** With {@code train} false, for {@code bench --scale} only: tasks return at once (see {@link RunCellFunction#withoutTraining()}). */
    CellScheduler(SparkSession spark, String sweepName, CellClaims claims, boolean train) {
        this.spark = spark;
        this.sweepName = sweepName;
        this.claims = claims;
        this.train = train;
    }

    /** How many of the cells of the last {@link #run} another driver ran and committed meanwhile. */
    public int doneElsewhere() {
        return doneElsewhere;
    }

    /**
     * Cell slots now: executors may register late or go away, so this is asked every round. For embedded
     * Spark, the threads less the one reserved for commits ({@link SparkSessions#reserveCommitThread}).
     */
    public static int taskSlots(SparkContext sc) {
        if (sc.getConf().contains(EquisweepConf.CELL_SLOTS.key())) {
            return EquisweepConf.CELL_SLOTS.get(sc.getConf());
        }
        int cpusPerTask = sc.getConf().getInt("spark.task.cpus", 1);
        return Math.max(1, sc.defaultParallelism() / Math.max(1, cpusPerTask));
    }

    /** Whether commits have a thread of their own, so that the next cells may start before them. */
    static boolean commitThreadReserved(SparkContext sc) {
        return sc.getConf().contains(EquisweepConf.CELL_SLOTS.key());
    }

    /**
     * Runs {@code cells} and hands every finished attempt to {@code onFinished}: on the calling thread, or,
     * with a commit thread reserved, on a thread of its own; either way one at a time, in arrival order, and
     * all of them before this returns.
     */
    public void run(List<CellSpec> cells, Consumer<CellAttempt> onFinished) throws InterruptedException {
        if (cells.isEmpty()) {
            return;
        }
        SparkContext sc = spark.sparkContext();
        RunCellFunction task = !train ? RunCellFunction.withoutTraining() : new RunCellFunction(DatasetBroadcasts.create(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(sc),
                cells.stream().map(CellSpec::dataset).toList()));
        RDD<CellSpec> rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(sc)
                .parallelize(cells, cells.size()).rdd();
        BlockingQueue<CellAttempt> finished = new LinkedBlockingQueue<>();
        Map<Integer, scala.concurrent.Future<Object>> inFlight = new LinkedHashMap<>();
        Deque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < cells.size(); i++) {
            queue.add(i);
        }
        Deque<Integer> heldElsewhere = new ArrayDeque<>();
        int[] remaining = {cells.size()};
        long[] lastRetry = {System.currentTimeMillis()};
        doneElsewhere = 0;
        Runnable fillSlots = () -> {
            if (queue.isEmpty() && !heldElsewhere.isEmpty() && System.currentTimeMillis() - lastRetry[0] >= RETRY_CLAIMS_MILLIS) {
                queue.addAll(heldElsewhere);
                heldElsewhere.clear();
                lastRetry[0] = System.currentTimeMillis();
            }
            while (inFlight.size() < taskSlots(sc) && !queue.isEmpty()) {
                int index = queue.poll();
                CellSpec cell = cells.get(index);
                CellClaims.Outcome outcome = claims == null ? CellClaims.Outcome.CLAIMED : claims.claim(sweepName, cell.id());
                if (outcome == CellClaims.Outcome.HELD_ELSEWHERE) {
                    heldElsewhere.add(index);
                    continue;
                }
                if (outcome == CellClaims.Outcome.DONE_ELSEWHERE) {
                    doneElsewhere++;
                    remaining[0]--;
                    continue;
                }
                sc.setJobDescription("equisweep " + sweepName + ": cell " + cell.id() + " " + cell.label());
                inFlight.put(index, sc.submitJob(rdd, task,
                        JavaConverters.asScalaBuffer(List.<Object>of(index)), new Collect(finished), new NoResult()));
            }
        };
        boolean startBeforeCommit = commitThreadReserved(sc);
        try (Committer committer = new Committer(onFinished, startBeforeCommit)) {
            while (remaining[0] > 0) {
                committer.rethrow();
                fillSlots.run();
                List<CellAttempt> done = new ArrayList<>();
                CellAttempt attempt = finished.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                while (attempt != null) {
                    removeByCell(inFlight, cells, attempt.result().cellId());
                    done.add(attempt);
                    attempt = finished.poll();
                }
                if (startBeforeCommit && !done.isEmpty()) {
                    fillSlots.run();
                }
                for (CellAttempt d : done) {
                    committer.accept(d);
                    remaining[0]--;
                }
                for (var it = inFlight.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    var value = e.getValue().value();
                    if (value.isDefined() && value.get().isFailure()) {
                        it.remove();
                        committer.accept(taskFailure(cells.get(e.getKey()), value.get().failed().get()));
                        remaining[0]--;
                    }
                }
            }
        }
        sc.setJobDescription(null);
    }

    private static void removeByCell(Map<Integer, ?> inFlight, List<CellSpec> cells, String cellId) {
        inFlight.keySet().removeIf(i -> cells.get(i).id().equals(cellId));
    }

    /** The record of a cell whose Spark task failed on every allowed attempt (e.g. its executor died). */
    private static CellAttempt taskFailure(CellSpec cell, Throwable error) {
        String message = "Spark task failed: " + (error.getMessage() == null ? error.toString() : error.getMessage());
        return new CellAttempt(CellResult.stopped(cell.id(), CellStatus.FAILED, message, System.currentTimeMillis(), ""),
                "", "", 0);
    }

    /**
     * Hands finished cells to the caller: on the scheduling thread, or, with a commit thread reserved, on
     * one thread of its own in arrival order, so that a slow commit (the first, with Parquet still cold,
     * takes seconds) never holds back the next cell of another slot. A failed hand-over fails the run.
     */
    private static final class Committer implements AutoCloseable {
        private final Consumer<CellAttempt> onFinished;
        private final java.util.concurrent.ExecutorService thread;
        private final List<java.util.concurrent.Future<?>> handedOver = new ArrayList<>();

        Committer(Consumer<CellAttempt> onFinished, boolean async) {
            this.onFinished = onFinished;
            this.thread = async ? java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "equisweep-commit");
                t.setDaemon(true);
                return t;
            }) : null;
        }

        void accept(CellAttempt attempt) {
            if (thread == null) {
                onFinished.accept(attempt);
            } else {
                handedOver.add(thread.submit(() -> onFinished.accept(attempt)));
            }
        }

        /** Throws what a finished hand-over threw. */
        void rethrow() throws InterruptedException {
            for (var it = handedOver.iterator(); it.hasNext(); ) {
                var f = it.next();
                if (f.isDone()) {
                    it.remove();
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
        }

        /** Waits for every hand-over, then throws what the first failed one threw. */
        @Override
        public void close() throws InterruptedException {
            if (thread == null) {
                return;
            }
            thread.shutdown();
            thread.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            rethrow();
        }
    }

    /** Driver side: called by Spark's scheduler thread as a cell's task result arrives. */
    private static final class Collect extends AbstractFunction2<Object, CellAttempt, BoxedUnit> {
        private final BlockingQueue<CellAttempt> sink;

        Collect(BlockingQueue<CellAttempt> sink) {
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, CellAttempt attempt) {
            sink.add(attempt);
            return BoxedUnit.UNIT;
        }
    }

    private static final class NoResult extends AbstractFunction0<Object> {
        @Override
        public Object apply() {
            return BoxedUnit.UNIT;
        }
    }
}

package io.equisweep.driver.bench;

import io.equisweep.driver.cli.Main;
import io.equisweep.driver.data.LocalFiles;
import io.equisweep.driver.spark.RerunPolicy;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spark.SweepRunner;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.spec.SweepSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;

/**
 * What the driver path costs per cell at scale: N cells of a generated spec run through everything a real sweep
 * goes through (grid expansion, planning against the store, claims, one Spark task per cell, commits, progress)
 * with tasks that train nothing, into a scratch results root; then {@code status}, {@code plan} and the rerun that
 * skips every cell are timed on that root, each in a fresh JVM as a user would run them.
 *
 * @param busySeconds   the cells' own summed time (close to nothing: their tasks train nothing)
 * @param peakHeapBytes the driver's largest heap in use during the run (garbage included), sampled every 20 ms
 * @param peakLiveBytes the driver's largest heap left after a garbage collection: what it needed
 */
public record ScaleBenchmark(int cells, int slots, double wallSeconds, double busySeconds, long peakHeapBytes,
                             long peakLiveBytes, double statusSeconds, double planSeconds, double rerunSeconds) {

    /** (wall − Σ busy / slots) / cells. */
    public double overheadPerCellSeconds() {
        return (wallSeconds - busySeconds / slots) / cells;
    }

    public static ScaleBenchmark measure(int n, String master) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("equisweep-bench-scale");
        try {
            Path spec = dir.resolve("scale.yaml");
            Path root = dir.resolve("results");
            Files.writeString(spec, """
                    name: scale
                    dataset: {name: synthetic, options: {trainSize: 16, validationSize: 4, testSize: 8}}
                    grid: {architecture: z2cnn, inputSize: 28, seed: {from: 1, to: N}}
                    training: {epochs: 1}
                    evaluation: {angles: [0, 90, 180, 270]}
                    limits: {maxCells: N}
                    output: ROOT
                    """.replace("N", String.valueOf(n)).replace("ROOT", root.toString()));
            SweepSpec sweep = SpecReader.read(spec, null);
            AtomicLong peak = new AtomicLong();
            AtomicLong live = new AtomicLong();
            var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null).toList();
            Thread sampler = new Thread(() -> {
                var heap = ManagementFactory.getMemoryMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                    live.accumulateAndGet(pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            System.gc();
            sampler.start();
            double[] busy = {0};
            long start = System.nanoTime();
            SweepRunner.Summary summary;
            try (SparkSession spark = SparkSessions.create("equisweep bench scale", master);
                 PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
                summary = new SweepRunner(sweep, root.toString(), quiet, RerunPolicy.NOT_OK).withoutTraining()
                        .run(spark, (cell, attempt) -> busy[0] += (attempt.result().finishedAtMillis()
                                - attempt.result().startedAtMillis()) / 1000.0);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            int done = summary.attempted().values().stream().mapToInt(Integer::intValue).sum();
            if (!summary.allOk() || done != n) {
                throw new IllegalStateException("the scale run finished " + done + " of " + n + " cells: " + summary.attempted());
            }
            double status = timed(dir, "status", root.toString());
            double plan = timed(dir, "plan", spec.toString());
            double rerun = timed(dir, "run", spec.toString());
            if (!Files.readString(dir.resolve("run.log")).contains("already ok")) {
                throw new IllegalStateException("the rerun did not skip every cell:\n" + Files.readString(dir.resolve("run.log")));
            }
            return new ScaleBenchmark(n, summary.slots(), wall, busy[0], peak.get(), live.get(), status, plan, rerun);
        } finally {
            LocalFiles.deleteTree(dir);
        }
    }

    /** Wall seconds of {@code equisweep <args>} in a JVM of its own (started as this one was). */
    private static double timed(Path dir, String command, String target) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), command, target));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(dir.resolve(command + ".log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            List<String> log = Files.readAllLines(dir.resolve(command + ".log"));
            throw new IllegalStateException("equisweep " + command + " failed:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size())));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}

package io.equisweep.driver.cli;

import io.equisweep.driver.bench.Benchmarks;
import io.equisweep.driver.bench.ScaleBenchmark;
import io.equisweep.driver.bench.SweepEfficiency;
import io.equisweep.driver.bench.Benchmarks.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Training and inference throughput (median images/s) and peak memory of each network,",
            "equisweep beside the PyTorch reference (workers/bench/pytorch/gcnn_bench.py), each in its own process."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--nets", split = ",", paramLabel = "NET",
            description = "Networks (default: z2cnn, p4cnn, p4mcnn at 28×28 and resnet44-p4 at 33×33).")
    List<String> nets = List.of("z2cnn", "p4cnn", "p4mcnn", "resnet44-p4");

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Thread counts (default: 1 and every core).")
    List<Integer> threads = List.of(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--batch", description = "Minibatch size (default: 64; resnet44-* 32).")
    Integer batch;

    @Option(names = "--runs", description = "Timed runs after warm-up; the median is reported (default: 5; resnet44-* 3).")
    Integer runs;

    @Option(names = "--steps", description = "Minibatches per timed run (default: 10; resnet44-* 2).")
    Integer steps;

    @Option(names = "--rounds", description = "equisweep and PyTorch processes run alternately this many times per network "
            + "and thread count (A B A B …, so a noisy neighbour hits both); the table shows the medians over rounds "
            + "(default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--no-pytorch", description = "Only equisweep.")
    boolean noPytorch;

    @Option(names = "--python", description = "Python with torch (default: ${DEFAULT-VALUE}; Debian's python3-torch).")
    String python = "/usr/bin/python3";

    @Option(names = "--sweep", arity = "0..1", paramLabel = "SPEC", fallbackValue = DEFAULT_SWEEP,
            description = {"Also run a sweep of equal cells on local[2] and report its efficiency: wall time over the "
                    + "summed training time / task slots (target <= 1.05). SPEC defaults to ${FALLBACK-VALUE}."})
    String sweep;

    @Option(names = "--no-nets", description = "Skip the network throughput table (with --sweep).")
    boolean noNets;

    @Option(names = "--scale", paramLabel = "N", description = {"Only the driver path at scale: N cells that train "
            + "nothing run through grid expansion, planning, claims, one task per cell and commits, on --master; prints "
            + "the overhead per cell = (wall − Σ busy / slots) / N, the driver's peak heap, and the time of status, plan "
            + "and a rerun that skips every cell on that root (each in a fresh JVM)."})
    Integer scale;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master of the --sweep run (default: ${DEFAULT-VALUE}).")
    String master = "local[2]";

    static final String DEFAULT_SWEEP = "sweeps/bench-efficiency.yaml";

    @Override
    public Integer call() throws Exception {
        if (scale != null) {
            if (scale < 1) {
                throw new BadInputException("--scale must be >= 1");
            }
            System.err.printf("bench: %d cells that train nothing, on %s...%n", scale, master);
            ScaleBenchmark s = ScaleBenchmark.measure(scale, master);
            System.out.printf(Locale.ROOT, "Driver path at scale: %d cells on %d task slots in %.1f s wall (Spark start to "
                    + "last commit); cells busy %.1f s in all.%n  overhead per cell = (wall − busy / slots) / cells = "
                    + "%.1f ms (target <= 50); driver heap: peak in use %.0f MB, peak live after a collection %.0f MB "
                    + "(target <= 1024)%n  on that root, in a fresh "
                    + "JVM: status %.1f s, plan %.1f s, rerun skipping every cell %.1f s (target <= 10 each)%n",
                    s.cells(), s.slots(), s.wallSeconds(), s.busySeconds(), 1000 * s.overheadPerCellSeconds(),
                    s.peakHeapBytes() / 1048576.0, s.peakLiveBytes() / 1048576.0, s.statusSeconds(), s.planSeconds(),
                    s.rerunSeconds());
            return ExitCodes.OK;
        }
        if (noNets && sweep == null) {
            throw new BadInputException("--no-nets leaves nothing to run without --sweep");
        }
        if (java.util.stream.Stream.of(batch, runs, steps).anyMatch(v -> v != null && v < 1)
                || threads.stream().anyMatch(t -> t < 1) || rounds < 1) {
            throw new BadInputException("--batch, --runs, --steps, --threads and --rounds must be >= 1");
        }
        for (String net : nets) {
            if (io.equisweep.workers.arch.Architectures.find(net).isEmpty()) {
                throw new BadInputException("unknown network '" + net + "'; valid: "
                        + String.join(", ", io.equisweep.workers.arch.Architectures.names()));
            }
        }
        Path root = Path.of(System.getProperty("equisweep.root", "."));
        Path sweepSpec = sweep == null ? null : sweep.equals(DEFAULT_SWEEP) ? root.resolve(sweep) : Path.of(sweep);
        if (sweepSpec != null && !Files.isRegularFile(sweepSpec)) {
            throw new BadInputException("no sweep spec at " + sweepSpec);
        }
        if (!noNets) {
            nets(root);
        }
        if (sweepSpec != null) {
            System.err.printf("bench: sweep %s on %s...%n", sweepSpec, master);
            SweepEfficiency e = SweepEfficiency.measure(sweepSpec, master);
            System.out.printf(Locale.ROOT, "Sweep '%s': %d equal cells on %d task slots took %.1f s wall (Spark start to "
                    + "last commit); training summed to %.1f s.%n  wall / (training / slots) = %.3f (target <= 1.05); "
                    + "counting evaluation and equivariance as work too: %.3f%n", e.sweep(), e.cells(), e.slots(),
                    e.wallSeconds(), e.trainSeconds(), e.ratio(), e.busyRatio());
        }
        return ExitCodes.OK;
    }

    private void nets(Path root) throws Exception {
        Path script = root.resolve("workers/bench/pytorch/gcnn_bench.py");
        if (!noPytorch && !Files.isRegularFile(script)) {
            throw new BadInputException("no PyTorch reference at " + script + " (run from the repository, or --no-pytorch)");
        }
        TextTable table = new TextTable("net", "batch", "runs×steps", "threads", "train img/s", "torch", "ratio",
                "infer img/s", "torch", "ratio", "peak MB", "torch MB", "MFLOP/img", "GFLOP/s", "torch", "GEMM peak",
                "of peak", "torch");
        List<String> rows = new java.util.ArrayList<>();
        for (String net : nets) {
            Benchmarks.Settings settings = Benchmarks.Settings.of(net, batch, runs, steps);
            for (int t : threads.stream().distinct().toList()) {
                List<Result> ourRounds = new java.util.ArrayList<>();
                List<Result> torchRounds = new java.util.ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    System.err.printf("bench: %s, %d thread(s), round %d of %d...%n", net, t, r, rounds);
                    ourRounds.add(Benchmarks.equisweep(net, t, settings));
                    if (!noPytorch) {
                        torchRounds.add(Benchmarks.pytorch(python, script, net, t, settings));
                    }
                }
                Result ours = Benchmarks.median(ourRounds);
                Result torch = noPytorch ? null : Benchmarks.median(torchRounds);
                rows.add(String.format(Locale.ROOT, "  %s, %d thread(s), train img/s by round: equisweep %s%s", net, t,
                        rounds(ourRounds), noPytorch ? "" : "; PyTorch " + rounds(torchRounds)));
                table.add(net, settings.batch(), settings.runs() + "×" + settings.steps(), t, fmt(ours.train()), torch == null ? "—" : fmt(torch.train()),
                        torch == null ? "—" : ratio(ours.train(), torch.train()), fmt(ours.infer()),
                        torch == null ? "—" : fmt(torch.infer()), torch == null ? "—" : ratio(ours.infer(), torch.infer()),
                        fmt(ours.peakMb()), torch == null ? "—" : fmt(torch.peakMb()),
                        fmt(ours.trainFlops() / 1e6), fmt1(ours.trainGflops(ours.train())),
                        torch == null ? "—" : fmt1(ours.trainGflops(torch.train())), fmt1(ours.peakGflops()),
                        percent(ours.trainGflops(ours.train()) / ours.peakGflops()),
                        torch == null ? "—" : percent(ours.trainGflops(torch.train()) / ours.peakGflops()));
            }
        }
        System.out.println("Adam, random data; images/s: median of the timed runs (each of `steps` minibatches) after "
                + "warm-up; ratio = equisweep / PyTorch. MFLOP/img: a training step's FLOPs per image from the layer "
                + "geometry (forward + both backward products of every convolution); GFLOP/s: that × training img/s; "
                + "GEMM peak: a 1536² single-precision GEMM through ND4J at the same thread count (median GFLOP/s); of "
                + "peak: GFLOP/s / GEMM peak.");
        table.print(System.out);
        System.out.println("Every round (the table shows their medians):");
        rows.forEach(System.out::println);
    }

    private static String rounds(List<Result> results) {
        return String.join(", ", results.stream().map(r -> fmt(r.train())).toList());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    private static String ratio(double ours, double theirs) {
        return String.format(Locale.ROOT, "%.2f×", ours / theirs);
    }
}

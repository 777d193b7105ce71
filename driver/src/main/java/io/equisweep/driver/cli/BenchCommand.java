package io.equisweep.driver.cli;

import io.equisweep.driver.bench.Benchmarks;
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

    @Option(names = "--batch", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--runs", description = "Timed runs after warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--steps", description = "Minibatches per timed run (default: ${DEFAULT-VALUE}).")
    int steps = 10;

    @Option(names = "--no-pytorch", description = "Only equisweep.")
    boolean noPytorch;

    @Option(names = "--python", description = "Python with torch (default: ${DEFAULT-VALUE}; Debian's python3-torch).")
    String python = "/usr/bin/python3";

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || runs < 1 || steps < 1 || threads.stream().anyMatch(t -> t < 1)) {
            throw new BadInputException("--batch, --runs, --steps and --threads must be >= 1");
        }
        for (String net : nets) {
            if (io.equisweep.workers.arch.Architectures.find(net).isEmpty()) {
                throw new BadInputException("unknown network '" + net + "'; valid: "
                        + String.join(", ", io.equisweep.workers.arch.Architectures.names()));
            }
        }
        Path script = Path.of(System.getProperty("equisweep.root", "."), "workers/bench/pytorch/gcnn_bench.py");
        if (!noPytorch && !Files.isRegularFile(script)) {
            throw new BadInputException("no PyTorch reference at " + script + " (run from the repository, or --no-pytorch)");
        }
        Benchmarks.Settings settings = new Benchmarks.Settings(batch, runs, steps);
        TextTable table = new TextTable("net", "threads", "train img/s", "torch", "ratio", "infer img/s", "torch", "ratio",
                "peak MB", "torch MB");
        for (String net : nets) {
            for (int t : threads.stream().distinct().toList()) {
                System.err.printf("bench: %s, %d thread(s)...%n", net, t);
                Result ours = Benchmarks.equisweep(net, t, settings);
                Result torch = noPytorch ? null : Benchmarks.pytorch(python, script, net, t, settings);
                table.add(net, t, fmt(ours.train()), torch == null ? "—" : fmt(torch.train()),
                        torch == null ? "—" : ratio(ours.train(), torch.train()), fmt(ours.infer()),
                        torch == null ? "—" : fmt(torch.infer()), torch == null ? "—" : ratio(ours.infer(), torch.infer()),
                        fmt(ours.peakMb()), torch == null ? "—" : fmt(torch.peakMb()));
            }
        }
        System.out.printf("Batch %d, Adam, random data; median of %d runs of %d minibatches after warm-up; "
                + "ratio = equisweep / PyTorch.%n", batch, runs, steps);
        table.print(System.out);
        return ExitCodes.OK;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String ratio(double ours, double theirs) {
        return String.format(Locale.ROOT, "%.2f×", ours / theirs);
    }
}

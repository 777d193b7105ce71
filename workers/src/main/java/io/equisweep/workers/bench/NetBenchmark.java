package io.equisweep.workers.bench;

import io.equisweep.workers.NativeBackend;
import io.equisweep.workers.arch.Architecture;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.arch.NetworkFlops;
import io.equisweep.workers.arch.ParameterCount;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training and inference throughput of one architecture in this JVM, timed like the PyTorch reference
 * ({@code workers/bench/pytorch/gcnn_bench.py}): Adam, dropout 0.3 in the MNIST networks, random data,
 * two warm-up runs, then {@code runs} timed runs of {@code steps} minibatches; median images per second.
 * Run one network per JVM (the thread count comes from OMP_NUM_THREADS at start-up, and the peak memory
 * is then that network's).
 *
 * Also: the network's FLOPs per image ({@link NetworkFlops}) and this machine's GEMM peak at the same thread count
 * ({@link PeakFlops}), so that a rate reads as a fraction of what the machine can do.
 *
 * <p>{@code java ... NetBenchmark NET BATCH SIZE RUNS STEPS} prints one JSON object.
 */
public final class NetBenchmark {
    /** Median and every run, in images per second. */
    public record Throughput(double median, List<Double> runs) {
    }

    /** The paper sweeps' dropout, which the PyTorch reference's MNIST networks apply too. */
    static final double MNIST_DROPOUT = 0.3;

    private NetBenchmark() {
    }

    /** The CIFAR networks (ResNet-44: 3 channels, 33×33, no dropout); the others are the MNIST ones. */
    public static boolean isResNet(String net) {
        return net.startsWith("resnet");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: NetBenchmark NET BATCH SIZE RUNS STEPS");
            System.exit(2);
        }
        String net = args[0];
        int batch = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        Architecture architecture = Architectures.get(net);
        boolean resNet = isResNet(net);
        int channels = resNet ? 3 : 1;
        TrainingSpec training = new TrainingSpec(1, batch, Optimizer.ADAM, 1e-3, 0.9, 1e-5, LearningRateSchedule.constant(), 0);
        ComputationGraph graph = new ComputationGraph(architecture.configure(new Trainer(training, 0).baseConfiguration(1),
                new Architecture.NetworkShape(size, channels, 10, resNet ? 0 : MNIST_DROPOUT)));
        graph.init();
        Nd4j.getRandom().setSeed(0);
        INDArray[] x = {Nd4j.randn(DataType.FLOAT, batch, channels, size, size)};
        INDArray[] y = {Nd4j.zeros(DataType.FLOAT, batch, 10)};
        for (int i = 0; i < batch; i++) {
            y[0].putScalar(i, i % 10, 1f);
        }
        Throughput train = time(() -> graph.fit(x, y), batch, runs, steps);
        Throughput infer = time(() -> graph.output(false, x), batch, runs, steps);
        NetworkFlops flops = NetworkFlops.of(architecture, size);
        double peak = PeakFlops.measure(Math.max(3, runs));
        System.out.println(String.format(Locale.ROOT,
                "{\"framework\": \"equisweep %s\", \"net\": \"%s\", \"threads\": %s, \"batch\": %d, \"size\": %d, "
                        + "\"parameters\": %d, \"train_images_per_s\": %.1f, \"infer_images_per_s\": %.1f, "
                        + "\"train_runs\": %s, \"infer_runs\": %s, \"peak_rss_mb\": %.1f, \"train_flops_per_image\": %d, "
                        + "\"infer_flops_per_image\": %d, \"peak_gflops\": %.1f}",
                NativeBackend.describe(), net, System.getenv().getOrDefault("OMP_NUM_THREADS", "null"), batch, size,
                ParameterCount.trainable(graph), train.median(), infer.median(), json(train.runs()), json(infer.runs()),
                peakRssMb(), flops.training(), flops.forward(), peak));
    }

    static Throughput time(Runnable step, int images, int runs, int steps) {
        for (int i = 0; i < 2 * steps; i++) {
            step.run();
        }
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            rates.add(images * (double) steps / ((System.nanoTime() - start) / 1e9));
        }
        List<Double> sorted = rates.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Throughput(median, rates);
    }

    private static String json(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /** The process's peak resident memory (VmHWM), the figure {@code getrusage} gives PyTorch's script. */
    static double peakRssMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}

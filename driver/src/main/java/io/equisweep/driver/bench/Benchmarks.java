package io.equisweep.driver.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.equisweep.workers.bench.NetBenchmark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link NetBenchmark} (equisweep) and the PyTorch reference script for one network and thread
 * count, each in a fresh process with {@code OMP_NUM_THREADS} set, and reads back their JSON results.
 */
public final class Benchmarks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One process's figures: throughput medians in images/s, peak resident memory in MB; from equisweep's process
     * also the network's FLOPs per image and the machine's GEMM peak in GFLOP/s at that thread count (0 when absent).
     */
    public record Result(String framework, String net, int threads, double train, double infer, double peakMb,
                         long parameters, long trainFlops, long inferFlops, double peakGflops) {
        static Result of(JsonNode n, int threads) {
            return new Result(n.path("framework").asText(), n.path("net").asText(), threads,
                    n.path("train_images_per_s").asDouble(), n.path("infer_images_per_s").asDouble(),
                    n.path("peak_rss_mb").asDouble(), n.path("parameters").asLong(), n.path("train_flops_per_image").asLong(),
                    n.path("infer_flops_per_image").asLong(), n.path("peak_gflops").asDouble());
        }

        /** GFLOP/s of {@code imagesPerSecond} training images of this result's network. */
        public double trainGflops(double imagesPerSecond) {
            return trainFlops * imagesPerSecond / 1e9;
        }
    }

    /** What to time: image size and batch per network, runs and minibatches per run. */
    public record Settings(int batch, int runs, int steps) {
        /** The MNIST networks' defaults: 64 images, 5 timed runs of 10 minibatches. */
        public static final Settings MNIST = new Settings(64, 5, 10);
        /** ResNet-44 trains ~30× slower than the MNIST networks: 32 images, 3 timed runs of 2 minibatches. */
        public static final Settings RESNET = new Settings(32, 3, 2);

        /** A network's defaults, with whatever the user set ({@code null}: not set) in their place. */
        public static Settings of(String net, Integer batch, Integer runs, Integer steps) {
            Settings d = NetBenchmark.isResNet(net) ? RESNET : MNIST;
            return new Settings(batch != null ? batch : d.batch, runs != null ? runs : d.runs,
                    steps != null ? steps : d.steps);
        }

        int size(String net) {
            return NetBenchmark.isResNet(net) ? 33 : 28;
        }
    }

    private Benchmarks() {
    }

    /** Each figure's median over rounds of the same network and thread count (the first round's identity). */
    public static Result median(List<Result> rounds) {
        Result first = rounds.get(0);
        return new Result(first.framework(), first.net(), first.threads(), median(rounds, Result::train),
                median(rounds, Result::infer), median(rounds, Result::peakMb), first.parameters(), first.trainFlops(),
                first.inferFlops(), median(rounds, Result::peakGflops));
    }

    static double median(List<Result> rounds, java.util.function.ToDoubleFunction<Result> figure) {
        double[] v = rounds.stream().mapToDouble(figure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static Result equisweep(String net, int threads, Settings s) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dorg.bytedeco") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dlog4j2")).toList());
        command.addAll(List.of("-Xmx4g", "-cp", System.getProperty("java.class.path"), NetBenchmark.class.getName(), net,
                String.valueOf(s.batch()), String.valueOf(s.size(net)), String.valueOf(s.runs()), String.valueOf(s.steps())));
        return Result.of(run(command, threads), threads);
    }

    public static Result pytorch(String python, Path script, String net, int threads, Settings s)
            throws IOException, InterruptedException {
        return Result.of(run(List.of(python, script.toString(), "--net", net, "--threads", String.valueOf(threads),
                "--batch", String.valueOf(s.batch()), "--size", String.valueOf(s.size(net)), "--runs",
                String.valueOf(s.runs()), "--steps", String.valueOf(s.steps())), threads), threads);
    }

    private static JsonNode run(List<String> command, int threads) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        Path err = Files.createTempFile("equisweep-bench", ".log");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            String log = Files.readString(err);
            throw new IOException(String.join(" ", command.subList(0, 1)) + " ... " + command.get(command.size() - 1)
                    + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + "):\n"
                    + log.substring(Math.max(0, log.length() - 2000)));
        }
        Files.deleteIfExists(err);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        return JSON.readTree(last);
    }
}

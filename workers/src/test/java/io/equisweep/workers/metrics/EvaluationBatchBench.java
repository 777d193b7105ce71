package io.equisweep.workers.metrics;

import io.equisweep.workers.arch.Architecture;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference throughput of a network at one evaluation batch size (run one process per size, interleaved, with
 * {@code OMP_NUM_THREADS=1}): {@code NET SIZE BATCH IMAGES ROUNDS}. Prints images/s per round, the process's peak
 * resident memory, and a hash of every logit's bits, which must not depend on the batch size.
 */
public final class EvaluationBatchBench {
    private EvaluationBatchBench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int size = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int images = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        Architecture architecture = Architectures.get(name);
        TrainingSpec training = new TrainingSpec(1, 64, Optimizer.ADAM, 1e-3, 0.9, 1e-5, LearningRateSchedule.constant(), 0.3);
        ComputationGraph net = new ComputationGraph(architecture.configure(new Trainer(training, 0).baseConfiguration(1),
                new Architecture.NetworkShape(size, 1, 10, 0.3)));
        net.init();
        Nd4j.getRandom().setSeed(1);
        INDArray all = Nd4j.rand(DataType.FLOAT, images, 1, size, size);
        int hash = 0;
        double[] rates = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            long start = System.nanoTime();
            int h = 1;
            for (int from = 0; from < images; from += batch) {
                int to = Math.min(images, from + batch);
                INDArray x = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
                float[] logits = net.outputSingle(false, x).reshape(-1).toFloatVector();
                h = 31 * h + Arrays.hashCode(logits);
            }
            if (r >= 0) {
                rates[r] = images / ((System.nanoTime() - start) / 1e9);
            }
            hash = h;
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s@%d batch %d: median %.0f img/s, rounds %s, peak RSS %.0f MB, logits hash %08x%n",
                name, size, batch, sorted[rounds / 2], Arrays.toString(Arrays.stream(rates).map(Math::rint).toArray()),
                peakRssMb(), hash);
    }

    static double peakRssMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}

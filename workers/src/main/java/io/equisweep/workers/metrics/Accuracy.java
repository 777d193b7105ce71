package io.equisweep.workers.metrics;

import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.data.Images;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import io.equisweep.workers.train.Batches;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Classification accuracy of a network on a test set, optionally under a reflection and rotation. */
public final class Accuracy {
    /**
     * Images per inference batch. Larger batches do not pay: p4cnn at 28×28, one thread, 4,096 images, medians of two
     * interleaved processes of 3 rounds: 256 → 1,092 and 1,103 img/s (peak RSS 483–512 MB), 512 → 965 and 985 (556–653
     * MB), 1,024 → 1,001 and 997 (948–952 MB), 2,048 → 934 and 945 (1,203 MB): DL4J's workspaces grow with the batch
     * and the convolutions are no faster on more images ({@code EvaluationBatchBench}).
     */
    static final int BATCH = 256;

    /** Fills {@code buf} with images {@code [from, to)}, not normalised. */
    private interface BatchSource {
        void fill(int from, int to, float[] buf);
    }

    private Accuracy() {
    }

    public static double upright(ComputationGraph net, Images set, float mean, float std) {
        return under(net, set, new Transform(false, 0), mean, std);
    }

    /** Accuracy on {@code set} with every image reflected (if asked) and then rotated. */
    public static double under(ComputationGraph net, Images set, Transform transform, float mean, float std) {
        int len = set.imageLength();
        float[] flipped = new float[len];
        float[] read = set instanceof ImageSet ? null : new float[len];
        return score(net, set, mean, std, (from, to, buf) -> {
            for (int i = from; i < to; i++) {
                Batches.transformInto(set, i, read, transform, buf, (i - from) * len, flipped);
            }
        });
    }

    /**
     * Accuracy on the images {@code pixels} holds (those of {@code set}, already transformed, not normalised; see
     * {@link TransformedTestSets}) with {@code set}'s labels: the same batches, so the same bits, as {@link #under}.
     */
    public static double of(ComputationGraph net, float[] pixels, Images set, float mean, float std) {
        int len = set.imageLength();
        if (pixels.length != (long) set.count() * len) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " values, expected " + set.count()
                    + " images × " + len);
        }
        return score(net, set, mean, std, (from, to, buf) -> System.arraycopy(pixels, from * len, buf, 0, (to - from) * len));
    }

    private static double score(ComputationGraph net, Images set, float mean, float std, BatchSource source) {
        int len = set.imageLength();
        int correct = 0;
        for (int from = 0; from < set.count(); from += BATCH) {
            int to = Math.min(set.count(), from + BATCH);
            float[] buf = new float[(to - from) * len];
            source.fill(from, to, buf);
            INDArray out = net.outputSingle(false, Batches.features(buf, to - from, set.channels(), set.size(), mean, std));
            long[] predicted = out.argMax(1).toLongVector();
            for (int i = from; i < to; i++) {
                if (predicted[i - from] == set.label(i)) {
                    correct++;
                }
            }
        }
        return set.count() == 0 ? Double.NaN : (double) correct / set.count();
    }
}

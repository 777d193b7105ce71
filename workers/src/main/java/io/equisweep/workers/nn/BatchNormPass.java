package io.equisweep.workers.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The passes of {@link GroupBatchNormLayer} over one input viewed as [B, F, n] (n = |G|·h·w values per example
 * and field), each one sweep in Java that did the work of three to five ND4J ops: batch moments; normalisation with
 * the fused ReLU and inverted dropout; the backward sums Σdy, Σdy·x; dx. Float inputs are copied onto the heap
 * once per pass object and run in vectorisable loops ({@link FloatBatchNormPass}); double inputs (the gradient
 * checks) run plain loops ({@link DoubleBatchNormPass}), the reference the float ones are tested against.
 */
sealed interface BatchNormPass permits FloatBatchNormPass, DoubleBatchNormPass {
    /** [B, F, n] of a contiguous c-order array. */
    record Layout(int batch, int fields, int n) {
        static Layout of(INDArray a, long fields) {
            long batch = a.size(0);
            return new Layout((int) batch, (int) fields, (int) (a.length() / (batch * fields)));
        }

        int start(int b, int f) {
            return (b * fields + f) * n;
        }

        int length() {
            return batch * fields * n;
        }

        /** Values per field over the batch. */
        long count() {
            return (long) batch * n;
        }
    }

    /** The passes over {@code x} (contiguous, c-order, float or double) with {@code fields} fields. */
    static BatchNormPass over(INDArray x, long fields) {
        Layout layout = Layout.of(x, fields);
        return switch (x.dataType()) {
            case FLOAT -> new FloatBatchNormPass(x, layout);
            case DOUBLE -> new DoubleBatchNormPass(x, layout);
            default -> throw new IllegalArgumentException("GroupBatchNorm: float or double activations, got "
                    + x.dataType());
        };
    }

    Layout layout();

    /** Mean and biased variance per field, from sums shifted by each field's first value. */
    void moments(double[] mean, double[] var);

    /**
     * out = dropout(activation(x·scale + shift)): the ReLU when {@code relu}; with {@code retain} < 1 each value kept
     * with that probability (a 32-bit draw from a generator seeded with {@code seed}) and scaled by 1/retain.
     */
    void normalise(double[] scale, double[] shift, boolean relu, double retain, long seed, INDArray out);

    /**
     * Σdy and Σdy·x per field (added to the arrays), where dy is the gradient at the normalised values: ε gated by
     * the ReLU and the dropout mask, both read off the layer's output {@code out} (zero exactly where either cut a
     * value) and scaled by {@code keep} (1/retain, or 1); ε itself where {@code out} is null. Keeps dy for
     * {@link #inputGradient}.
     */
    void gradientSums(INDArray epsilon, INDArray out, double keep, double[] sumDy, double[] sumDyX);

    /** dx = k1·dy + k2·x + k3 per field, with the dy of the last {@link #gradientSums}. */
    void inputGradient(double[] k1, double[] k2, double[] k3, INDArray dx);

    static void requireContiguous(INDArray a, org.nd4j.linalg.api.buffer.DataType type) {
        if (a.ordering() != 'c' || a.elementWiseStride() != 1 || a.dataType() != type) {
            throw new IllegalArgumentException("GroupBatchNorm passes need contiguous c-order " + type
                    + " arrays, got " + a.shapeInfoToString());
        }
    }
}

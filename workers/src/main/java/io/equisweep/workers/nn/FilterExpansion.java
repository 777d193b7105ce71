package io.equisweep.workers.nn;

import io.equisweep.workers.symmetry.Group;
import io.equisweep.workers.symmetry.GroupElement;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the stored filters of a group convolution into the filters of an ordinary convolution
 * (Cohen &amp; Welling 2016). Stored: {@code [outFields, inFields·Gin, k, k]} with input channel
 * {@code ci·Gin + g'}. Expanded: {@code [outFields·G, inFields·Gin, k, k]} where the block of output
 * element g holds g applied to the filters: spatially rotated/reflected, and for a group input the input
 * group axis permuted, {@code E[o, g][ci, g'] = g(W[o][ci, g⁻¹∘g'])}. For a lifting layer Gin = 1 and the
 * permutation is void. Expansion is a gather by a precomputed index; the weight gradient folds back by
 * the matching scatter-add.
 */
public final class FilterExpansion {
    private final int outFields;
    private final int inChannels;
    private final int order;
    private final int kernel;
    /** {@code expanded[j] = stored[source[j]]}. */
    private final int[] source;
    private final int storedLength;

    public FilterExpansion(Group group, boolean lifting, int outFields, int inFields, int kernel) {
        this.outFields = outFields;
        this.order = group.order();
        this.kernel = kernel;
        int inOrder = lifting ? 1 : order;
        this.inChannels = inFields * inOrder;
        int k2 = kernel * kernel;
        this.storedLength = outFields * inChannels * k2;
        this.source = new int[outFields * order * inChannels * k2];
        for (int g = 0; g < order; g++) {
            GroupElement element = group.element(g);
            GroupElement inverse = element.inverse();
            int[] spatial = element.sourceIndex(kernel);
            for (int o = 0; o < outFields; o++) {
                for (int ci = 0; ci < inFields; ci++) {
                    for (int gi = 0; gi < inOrder; gi++) {
                        int storedG = lifting ? 0 : group.index(inverse.compose(group.element(gi)));
                        int dstBase = (((o * order + g) * inChannels) + ci * inOrder + gi) * k2;
                        int srcBase = ((o * inChannels) + ci * inOrder + storedG) * k2;
                        for (int p = 0; p < k2; p++) {
                            source[dstBase + p] = srcBase + spatial[p];
                        }
                    }
                }
            }
        }
    }

    public long[] expandedShape() {
        return new long[] {(long) outFields * order, inChannels, kernel, kernel};
    }

    /** The expanded filters of {@code stored} (any shape with the stored length, c order). */
    public INDArray expand(INDArray stored) {
        DataType type = stored.dataType();
        if (type == DataType.DOUBLE) {
            double[] w = flat(stored).toDoubleVector();
            double[] e = new double[source.length];
            for (int j = 0; j < e.length; j++) {
                e[j] = w[source[j]];
            }
            return Nd4j.create(e, expandedShape(), 'c');
        }
        float[] w = flat(stored).toFloatVector();
        float[] e = new float[source.length];
        for (int j = 0; j < e.length; j++) {
            e[j] = w[source[j]];
        }
        return Nd4j.create(e, expandedShape(), 'c').castTo(type);
    }

    /** Writes into {@code storedGradient} the gradient of the stored filters given that of the expanded ones. */
    public void fold(INDArray expandedGradient, INDArray storedGradient) {
        double[] ge = flat(expandedGradient).toDoubleVector();
        double[] gw = new double[storedLength];
        for (int j = 0; j < ge.length; j++) {
            gw[source[j]] += ge[j];
        }
        storedGradient.assign(Nd4j.create(gw, storedGradient.shape(), 'c').castTo(storedGradient.dataType()));
    }

    /** A c-order rank-1 view or copy of any array. */
    static INDArray flat(INDArray a) {
        return Nd4j.toFlattened('c', a);
    }

    /** The bias of each expanded output channel: the field's bias, shared over the group. */
    public INDArray expandBias(INDArray bias) {
        return bias.reshape(outFields, 1).broadcast(outFields, order).dup('c').reshape(outFields * order);
    }

    /** Sums the expanded bias gradient over the group into {@code biasGradient}. */
    public void foldBias(INDArray expandedGradient, INDArray biasGradient) {
        biasGradient.assign(expandedGradient.reshape(outFields, order).sum(1).reshape(biasGradient.shape()));
    }
}

package io.equisweep.workers.nn;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Group and channel separable group convolution G → G, the "gc" layer of Lengyel &amp; van Gemert, "Exploiting
 * learned symmetries in group equivariant convolutions" (2021), as the paper's code uses it: the filter of
 * output field o is the product of one k×k spatial kernel {@code W[o]}, shared over every input field and
 * group element, and a pointwise weight {@code pW[o][ci, g']} per input channel,
 * {@code F[o][ci, g'](y, x) = pW[o][ci, g'] · W[o](y, x)}, and is then transformed by each group element exactly
 * as a {@link GroupConv}'s filter is. So it is exactly as equivariant as a {@link GroupConv} with the same
 * kernel, stride and padding, with {@code outFields · (k² + inFields·|G|)} weights instead of
 * {@code outFields · inFields·|G| · k²} (plus a bias per field when enabled).
 */
public final class SeparableGroupConv extends GroupConvolution {

    private SeparableGroupConv() {
    }

    private SeparableGroupConv(Builder b) {
        super(b);
    }

    @Override
    public int inputOrder() {
        return group.order();
    }

    /** Expands the pointwise weights {@code [outFields, inFields·|G|]} to a 1×1 convolution's filters. */
    FilterExpansion pointwiseExpansion() {
        return new FilterExpansion(group, false, (int) nOut, (int) nIn, 1);
    }

    /** Expands the spatial kernels {@code [outFields, k, k]} to one transformed kernel per output channel. */
    FilterExpansion spatialExpansion() {
        return new FilterExpansion(group, true, (int) nOut, 1, kernel);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return LayerWiring.wire(new SeparableGroupConvolutionLayer(conf, dataType), this, conf, listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return SeparableGroupConvolutionParams.INSTANCE;
    }

    public static final class Builder extends GroupConvolution.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public SeparableGroupConv build() {
            return new SeparableGroupConv(this);
        }
    }
}

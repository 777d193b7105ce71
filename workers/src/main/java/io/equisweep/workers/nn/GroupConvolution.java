package io.equisweep.workers.nn;

import io.equisweep.workers.symmetry.Group;
import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration shared by {@link LiftingConv} and {@link GroupConv}: a convolution whose output has one
 * channel per (field, group element), {@code c·|G| + g}, with square kernel, stride and explicit padding
 * (see {@link Padding}) and a bias per field shared over the group. It computes a linear map; put the
 * nonlinearity in its own layer. {@code nIn}/{@code nOut} count fields, not channels.
 */
public abstract class GroupConvolution extends FeedForwardLayer {
    @JsonProperty
    protected Group group;
    @JsonProperty
    protected int kernel;
    @JsonProperty
    protected int stride;
    @JsonProperty
    protected int padding;
    @JsonProperty
    protected boolean hasBias;
    @JsonProperty
    protected boolean networkInput;

    protected GroupConvolution() {
    }

    protected GroupConvolution(Builder<?> b) {
        super(b);
        if (b.group == null) {
            throw new IllegalArgumentException(describe(b.getLayerName()) + ": group is required");
        }
        if (b.kernel < 1 || b.stride < 1 || b.padding < 0) {
            throw new IllegalArgumentException(describe(b.getLayerName()) + ": need kernel >= 1, stride >= 1, padding >= 0;"
                    + " got kernel " + b.kernel + ", stride " + b.stride + ", padding " + b.padding);
        }
        this.group = b.group;
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.padding = b.padding;
        this.hasBias = b.hasBias;
        this.networkInput = b.networkInput;
        setActivationFn(new ActivationIdentity());
    }

    private String describe(String name) {
        return getClass().getSimpleName() + (name == null ? "" : " '" + name + "'");
    }

    /** The group order of the input's channel axis: 1 for lifting, |G| for group convolutions. */
    public abstract int inputOrder();

    public Group group() {
        return group;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public boolean hasBias() {
        return hasBias;
    }

    /** Whether the layer reads the network's input, so that backprop computes no input gradient. */
    public boolean networkInput() {
        return networkInput;
    }

    public int outputSize(long n) {
        return (int) ((n + 2L * padding - kernel) / stride + 1);
    }

    FilterExpansion expansion() {
        return new FilterExpansion(group, this instanceof LiftingConv,
                (int) nOut, (int) nIn, kernel);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return LayerWiring.wire(new GroupConvolutionLayer(conf, dataType), this, conf, listeners, layerIndex, paramsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GroupConvolutionParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = convolutional(inputType);
        int h = outputSize(in.getHeight());
        int w = outputSize(in.getWidth());
        if (h < 1 || w < 1) {
            throw new IllegalStateException(describe(getLayerName()) + " (layer " + layerIndex + "): a "
                    + in.getHeight() + "×" + in.getWidth() + " input is smaller than the " + kernel + "×" + kernel
                    + " kernel with padding " + padding);
        }
        return InputType.convolutional(h, w, nOut * group.order());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional in = convolutional(inputType);
        long channels = in.getChannels();
        if (channels % inputOrder() != 0) {
            throw new IllegalStateException(describe(getLayerName()) + ": input has " + channels
                    + " channels, not a multiple of the group order " + inputOrder()
                    + " (is the previous layer a group layer over " + group + "?)");
        }
        if (nIn <= 0 || override) {
            nIn = channels / inputOrder();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, out)
                .standardMemory(params, (long) getIUpdater().stateSize(params))
                .workingMemory(0, 0, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalStateException(describe(getLayerName()) + ": expected a convolutional (NCHW) input, got "
                    + inputType);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof GroupConvolution g && g.group == group && g.kernel == kernel
                && g.stride == stride && g.padding == padding && g.hasBias == hasBias
                && g.networkInput == networkInput;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), group, kernel, stride, padding, hasBias, networkInput);
    }

    /** Builder shared by both layers. */
    public abstract static class Builder<T extends Builder<T>> extends FeedForwardLayer.Builder<T> {
        Group group;
        int kernel = 3;
        int stride = 1;
        int padding = 0;
        boolean hasBias = true;
        boolean networkInput;

        @SuppressWarnings("unchecked")
        public T group(Group group) {
            this.group = group;
            return (T) this;
        }

        @SuppressWarnings("unchecked")
        public T kernel(int kernel) {
            this.kernel = kernel;
            return (T) this;
        }

        @SuppressWarnings("unchecked")
        public T stride(int stride) {
            this.stride = stride;
            return (T) this;
        }

        /** Explicit zero padding on every side. */
        @SuppressWarnings("unchecked")
        public T padding(int padding) {
            this.padding = padding;
            return (T) this;
        }

        /** {@link Padding#VALID} (none) or {@link Padding#SAME} ((k − 1) / 2, size-preserving at stride 1). */
        public T padding(Padding mode) {
            return padding(mode == Padding.SAME ? (kernel - 1) / 2 : 0);
        }

        @SuppressWarnings("unchecked")
        public T hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return (T) this;
        }

        /**
         * The layer reads the network's input, whose gradient nothing uses: backprop then returns no input gradient
         * (null) and finds the weight gradient by im2col and one batched GEMM, not oneDNN's {@code conv2d_bp}, which
         * computes both (at one input channel 3.5 ms against 11 ms for a batch of 64 at 28×28).
         */
        @SuppressWarnings("unchecked")
        public T networkInput(boolean networkInput) {
            this.networkInput = networkInput;
            return (T) this;
        }
    }

    /** Named padding modes; any other amount is set with {@link Builder#padding(int)}. */
    public enum Padding {
        VALID, SAME
    }
}

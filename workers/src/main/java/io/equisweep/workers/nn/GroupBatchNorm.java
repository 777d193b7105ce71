package io.equisweep.workers.nn;

import io.equisweep.workers.symmetry.Group;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Batch normalisation of a feature map over a group with one mean, variance, scale and shift per field,
 * shared by the field's |G| channels: normalising each channel on its own would break equivariance.
 * Batch statistics in training, running statistics (decay {@code decay}) at inference, like PyTorch's
 * {@code BatchNorm3d} over (batch, group, h, w). Takes [B, C·|G|, h, w] or [B, C·|G|].
 *
 * <p>The activation is identity or a fused ReLU ({@code activation(Activation.RELU)}), optionally followed by
 * fused inverted dropout ({@code dropout(p)}: in training each value is dropped with probability p and the rest
 * scaled by 1/(1 − p)): one layer, one stored activation and one pass over it each way, for the BN → ReLU → dropout
 * runs of both networks.
 */
public final class GroupBatchNorm extends FeedForwardLayer {
    @JsonProperty
    private Group group;
    @JsonProperty
    private double eps = 1e-5;
    @JsonProperty
    private double decay = 0.9;
    @JsonProperty
    private double retain = 1;

    private GroupBatchNorm() {
    }

    private GroupBatchNorm(Builder b) {
        super(b);
        if (b.group == null) {
            throw new IllegalArgumentException("GroupBatchNorm: group is required");
        }
        this.group = b.group;
        this.eps = b.eps;
        this.decay = b.decay;
        this.retain = 1 - b.dropout;
        if (getActivationFn() == null) {
            setActivationFn(new ActivationIdentity());
        } else if (!(getActivationFn() instanceof ActivationIdentity) && !(getActivationFn() instanceof ActivationReLU)) {
            throw new IllegalArgumentException("GroupBatchNorm: activation must be identity or ReLU (fused), got "
                    + getActivationFn());
        }
        if (!(b.dropout >= 0 && b.dropout < 1)) {
            throw new IllegalArgumentException("GroupBatchNorm: dropout probability must be in [0, 1), got " + b.dropout);
        }
        if (b.dropout > 0 && !relu()) {
            throw new IllegalArgumentException("GroupBatchNorm: fused dropout needs the fused ReLU");
        }
    }

    /** Whether a ReLU follows the normalisation in this layer. */
    public boolean relu() {
        return getActivationFn() instanceof ActivationReLU;
    }

    public Group group() {
        return group;
    }

    public double eps() {
        return eps;
    }

    public double decay() {
        return decay;
    }

    /** The probability of keeping a value in training: 1 − the dropout probability. */
    public double retain() {
        return retain;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return LayerWiring.wire(new GroupBatchNormLayer(conf, dataType), this, conf, listeners, layerIndex, paramsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GroupBatchNormParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long channels;
        if (inputType instanceof InputType.InputTypeConvolutional c) {
            channels = c.getChannels();
        } else if (inputType instanceof InputType.InputTypeFeedForward f) {
            channels = f.getSize();
        } else {
            throw new IllegalStateException("GroupBatchNorm '" + getLayerName() + "': expected convolutional or "
                    + "feed-forward input, got " + inputType);
        }
        if (channels % group.order() != 0) {
            throw new IllegalStateException("GroupBatchNorm '" + getLayerName() + "': " + channels
                    + " channels is not a multiple of |" + group + "| = " + group.order());
        }
        if (nIn <= 0 || override) {
            nIn = channels / group.order();
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String param) {
        List<Regularization> r = super.getRegularizationByParam(param);
        return r == null ? List.of() : r;
    }

    @Override
    public IUpdater getUpdaterByParam(String param) {
        return GroupBatchNormParams.isRunningStatistic(param) ? new NoOp() : super.getUpdaterByParam(param);
    }

    @Override
    public boolean isPretrainParam(String param) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(getLayerName(), GroupBatchNorm.class, inputType, inputType)
                .standardMemory(params, (long) getIUpdater().stateSize(params)).workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof GroupBatchNorm b && b.group == group && b.eps == eps && b.decay == decay
                && b.retain == retain;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), group, eps, decay, retain);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private Group group;
        private double eps = 1e-5;
        private double decay = 0.9;
        private double dropout;

        public Builder(Group group) {
            this.group = group;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Weight of the old running statistic in each update (PyTorch's momentum is 1 − decay). */
        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        /** Fused inverted dropout after the ReLU: the probability of dropping a value in training. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GroupBatchNorm build() {
            return new GroupBatchNorm(this);
        }
    }
}

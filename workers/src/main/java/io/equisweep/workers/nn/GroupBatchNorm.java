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
 * <p>The activation is identity or a fused ReLU ({@code activation(Activation.RELU)}): one layer, one
 * stored activation and no separate ReLU pass or ReLU backward op, the common BN→ReLU pair of both networks.
 */
public final class GroupBatchNorm extends FeedForwardLayer {
    @JsonProperty
    private Group group;
    @JsonProperty
    private double eps = 1e-5;
    @JsonProperty
    private double decay = 0.9;

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
        if (getActivationFn() == null) {
            setActivationFn(new ActivationIdentity());
        } else if (!(getActivationFn() instanceof ActivationIdentity) && !(getActivationFn() instanceof ActivationReLU)) {
            throw new IllegalArgumentException("GroupBatchNorm: activation must be identity or ReLU (fused), got "
                    + getActivationFn());
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
        return super.equals(o) && o instanceof GroupBatchNorm b && b.group == group && b.eps == eps && b.decay == decay;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), group, eps, decay);
    }

    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private Group group;
        private double eps = 1e-5;
        private double decay = 0.9;

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

        @Override
        @SuppressWarnings("unchecked")
        public GroupBatchNorm build() {
            return new GroupBatchNorm(this);
        }
    }
}

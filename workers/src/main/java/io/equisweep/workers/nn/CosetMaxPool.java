package io.equisweep.workers.nn;

import io.equisweep.workers.symmetry.Group;
import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Max over the group axis: channels {@code c·|G| + g} → channel c. The result is invariant to the
 * group's action on the channel axis (and, spatially pooled, to the group), so a classifier on top sees
 * the same features for every rotated/reflected input. Takes [B, C·|G|, h, w] or [B, C·|G|].
 */
public final class CosetMaxPool extends NoParamLayer {
    @JsonProperty
    private Group group;

    private CosetMaxPool() {
    }

    public CosetMaxPool(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return LayerWiring.wire(new CosetMaxPoolLayer(conf, dataType), this, conf, listeners, layerIndex, paramsView,
                initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutional c) {
            return InputType.convolutional(c.getHeight(), c.getWidth(), fields(c.getChannels()));
        }
        if (inputType instanceof InputType.InputTypeFeedForward f) {
            return InputType.feedForward(fields(f.getSize()));
        }
        throw new IllegalStateException("CosetMaxPool '" + getLayerName() + "': expected convolutional or feed-forward "
                + "input, got " + inputType);
    }

    private long fields(long channels) {
        if (channels % group.order() != 0) {
            throw new IllegalStateException("CosetMaxPool '" + getLayerName() + "': " + channels
                    + " channels is not a multiple of |" + group + "| = " + group.order());
        }
        return channels / group.order();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        getOutputType(-1, inputType);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(getLayerName(), CosetMaxPool.class, inputType, getOutputType(-1, inputType))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosetMaxPool p && p.group == group && java.util.Objects.equals(p.getLayerName(), getLayerName());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(group, getLayerName());
    }
}

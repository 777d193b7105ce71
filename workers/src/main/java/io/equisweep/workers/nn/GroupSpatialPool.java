package io.equisweep.workers.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Spatial max or average pooling of a feature map over a group. It pools every channel {@code c·|G| + g}
 * on its own, and so commutes with the group's permutation of channels: DL4J's {@link SubsamplingLayer}
 * already is the right layer, and this class only configures it (truncating, explicit padding) so that
 * the exactness analysis and the network agree on every size.
 */
public final class GroupSpatialPool {
    private GroupSpatialPool() {
    }

    /** Max pooling, with a backward pass through the positions the forward pass chose ({@link GroupMaxPool}). */
    public static GroupMaxPool max(int window, int stride, int padding) {
        return new GroupMaxPool(window, stride, padding);
    }

    public static SubsamplingLayer average(int window, int stride, int padding) {
        return build(PoolingType.AVG, window, stride, padding);
    }

    private static SubsamplingLayer build(PoolingType type, int window, int stride, int padding) {
        return new SubsamplingLayer.Builder(type).kernelSize(window, window).stride(stride, stride)
                .padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).build();
    }
}

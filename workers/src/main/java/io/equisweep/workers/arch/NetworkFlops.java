package io.equisweep.workers.arch;

import java.util.List;

/**
 * The floating-point operations one image costs a network, from its layer geometry (a multiply-add is two FLOPs):
 * the forward pass, and a training step's forward pass plus both backward products of every convolution (the
 * gradient of its weights, and of its input, which the first layer does not need). Pooling, batch norm, ReLU and
 * the dense output layer are left out: a few per cent of the convolutions' count in the paper's networks.
 *
 * @param forward  FLOPs of one image's forward pass
 * @param training FLOPs of one image's training step
 */
public record NetworkFlops(long forward, long training) {

    public static NetworkFlops of(Architecture architecture, int inputSize) {
        List<LayerGeometry> layers = architecture.layers();
        long macs = ExactnessAnalysis.forwardMultiplyAdds(layers, inputSize);
        long first = layers.isEmpty() ? 0 : ExactnessAnalysis.forwardMultiplyAdds(layers.subList(0, 1), inputSize);
        return new NetworkFlops(2 * macs, 2 * (3 * macs - first));
    }
}

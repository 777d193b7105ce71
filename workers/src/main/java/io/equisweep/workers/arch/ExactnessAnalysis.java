package io.equisweep.workers.arch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's rule, layer by layer: a subsampling layer with kernel k, stride s and padding p is
 * exactly equivariant to 90° rotations and reflections of its input only if its input size n
 * satisfies (n + 2p − k) mod s = 0; otherwise the sampling grid is not symmetric about the centre.
 * Each layer sees the output of the layer its {@link LayerGeometry#input()} names, so parallel branches
 * (ResNet shortcuts) are followed as the network runs them.
 */
public final class ExactnessAnalysis {
    private ExactnessAnalysis() {
    }

    public static ExactnessReport analyse(Architecture architecture, int inputSize) {
        return analyse(architecture.name(), architecture.layers(), inputSize);
    }

    public static ExactnessReport analyse(String name, List<LayerGeometry> layers, int inputSize) {
        List<Integer> sizes = seenSizes(layers, inputSize);
        String breaking = "";
        for (int i = 0; i < sizes.size(); i++) {
            LayerGeometry layer = layers.get(i);
            int n = sizes.get(i);
            if (layer.outputSize(n) < 1) {
                String problem = "input size " + inputSize + " is too small for " + name + ": layer "
                        + layer.describe() + " would see a " + n + "×" + n + " map, smaller than its kernel; "
                        + "the smallest valid input size is " + minimumInputSize(layers);
                return new ExactnessReport(name, inputSize, false, false, layer.name(), problem, sizes);
            }
            if (breaking.isEmpty() && !layer.isExactAt(n)) {
                breaking = layer.name();
            }
        }
        return new ExactnessReport(name, inputSize, true, breaking.isEmpty(), breaking, "", sizes);
    }

    /** The smallest input size every layer fits, or -1 if none up to 4096 does. */
    public static int minimumInputSize(List<LayerGeometry> layers) {
        for (int n = 1; n <= 4096; n++) {
            if (fits(layers, seenSizes(layers, n))) {
                return n;
            }
        }
        return -1;
    }

    /** Multiply-adds of one forward pass of one image at {@code inputSize}, up to the first layer that does not fit. */
    public static long forwardMultiplyAdds(List<LayerGeometry> layers, int inputSize) {
        List<Integer> sizes = seenSizes(layers, inputSize);
        long total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            LayerGeometry layer = layers.get(i);
            if (layer.outputSize(sizes.get(i)) < 1) {
                break;
            }
            total += layer.multiplyAdds(sizes.get(i));
        }
        return total;
    }

    private static boolean fits(List<LayerGeometry> layers, List<Integer> sizes) {
        int last = sizes.size() - 1;
        return sizes.size() == layers.size() && (last < 0 || layers.get(last).outputSize(sizes.get(last)) >= 1);
    }

    /**
     * The size each layer sees at {@code inputSize}, in list order, up to and including the first layer whose
     * kernel does not fit its input.
     */
    private static List<Integer> seenSizes(List<LayerGeometry> layers, int inputSize) {
        Map<String, Integer> outputs = new HashMap<>();
        outputs.put(LayerGeometry.NETWORK_INPUT, inputSize);
        String previous = LayerGeometry.NETWORK_INPUT;
        List<Integer> sizes = new ArrayList<>();
        for (LayerGeometry layer : layers) {
            String source = layer.input().equals(LayerGeometry.PREVIOUS) ? previous : layer.input();
            Integer n = outputs.get(source);
            if (n == null) {
                throw new IllegalArgumentException("layer " + layer.name() + " sees the output of '" + source
                        + "', which is neither the network input nor a layer before it; layers: "
                        + layers.stream().map(LayerGeometry::name).toList());
            }
            sizes.add(n);
            int out = layer.outputSize(n);
            if (out < 1) {
                break;
            }
            outputs.put(layer.name(), out);
            previous = layer.name();
        }
        return sizes;
    }
}

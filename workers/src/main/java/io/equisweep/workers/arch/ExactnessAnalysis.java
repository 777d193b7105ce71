package io.equisweep.workers.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's rule, layer by layer: a subsampling layer with kernel k, stride s and padding p is
 * exactly equivariant to 90° rotations and reflections of its input only if its input size n
 * satisfies (n + 2p − k) mod s = 0; otherwise the sampling grid is not symmetric about the centre.
 */
public final class ExactnessAnalysis {
    private ExactnessAnalysis() {
    }

    public static ExactnessReport analyse(Architecture architecture, int inputSize) {
        return analyse(architecture.name(), architecture.layers(), inputSize);
    }

    public static ExactnessReport analyse(String name, List<LayerGeometry> layers, int inputSize) {
        List<Integer> sizes = new ArrayList<>();
        String breaking = "";
        int n = inputSize;
        int previousInput = inputSize;
        for (LayerGeometry layer : layers) {
            if (layer.branch()) {
                sizes.add(previousInput);
                if (breaking.isEmpty() && !layer.isExactAt(previousInput)) {
                    breaking = layer.name();
                }
                continue;
            }
            previousInput = n;
            sizes.add(n);
            int out = layer.outputSize(n);
            if (out < 1) {
                String problem = "input size " + inputSize + " is too small for " + name + ": layer "
                        + layer.describe() + " would see a " + n + "×" + n + " map, smaller than its kernel; "
                        + "the smallest valid input size is " + minimumInputSize(layers);
                return new ExactnessReport(name, inputSize, false, false, layer.name(), problem, sizes);
            }
            if (breaking.isEmpty() && !layer.isExactAt(n)) {
                breaking = layer.name();
            }
            n = out;
        }
        return new ExactnessReport(name, inputSize, true, breaking.isEmpty(), breaking, "", sizes);
    }

    /** The smallest input size every layer fits, or -1 if none up to 4096 does. */
    public static int minimumInputSize(List<LayerGeometry> layers) {
        for (int n = 1; n <= 4096; n++) {
            int m = n;
            boolean fits = true;
            for (LayerGeometry layer : layers) {
                if (layer.branch()) {
                    continue;
                }
                m = layer.outputSize(m);
                if (m < 1) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                return n;
            }
        }
        return -1;
    }

    /** Multiply-adds of one forward pass of one image at {@code inputSize}. */
    public static long forwardMultiplyAdds(List<LayerGeometry> layers, int inputSize) {
        long total = 0;
        int n = inputSize;
        int previousInput = inputSize;
        for (LayerGeometry layer : layers) {
            int in = layer.branch() ? previousInput : n;
            int out = layer.outputSize(in);
            if (out < 1) {
                return total;
            }
            total += (long) out * out * layer.outChannels() * layer.weightsPerOutput();
            if (!layer.branch()) {
                previousInput = n;
                n = out;
            }
        }
        return total;
    }
}

package io.equisweep.workers.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle of "today": the layer lists each architecture once wrote by hand beside its
 * {@code configure(...)}, and the exactness analysis and cost count as they ran on them, frozen here
 * (own types, no main-code geometry) so that the geometry derived from the built network can be checked
 * against exactly what sweeps have stored so far. Do not update it to follow main code. Architectures added
 * since get their lists here written by hand from the official code's model definitions.
 */
final class HandWrittenGeometry {
    private HandWrittenGeometry() {
    }

    /**
     * One layer as it was written by hand; {@code mixPerInput}: multiply-adds per input position of a separable
     * conv's 1×1 half, at the input's size; {@code branch}: reads the input of the layer before it; {@code beside}:
     * reads the map the next layer reads, and leaves it to that layer (a shortcut listed before its block).
     */
    record Layer(String name, int kernel, int stride, int padding, int inChannels, int outChannels,
                 long weightsPerOutput, long mixPerInput, boolean branch, boolean beside) {

        static Layer conv(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel * in, 0, false, false);
        }

        /** A group and channel separable conv: a 1×1 conv in → out, then a k×k depthwise conv per output channel. */
        static Layer separable(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel, (long) in * out, false,
                    false);
        }

        static Layer branchConv(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel * in, 0, true, false);
        }

        static Layer besideConv(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel * in, 0, false, true);
        }

        static Layer pool(String name, int kernel, int stride, int channels) {
            return new Layer(name, kernel, stride, 0, channels, channels, 0, 0, false, false);
        }

        int outputSize(int n) {
            int span = n + 2 * padding - kernel;
            return span < 0 ? -1 : span / stride + 1;
        }

        boolean isExactAt(int n) {
            return stride == 1 || (n + 2 * padding - kernel) % stride == 0;
        }

        String describe() {
            return name + " (" + kernel + "×" + kernel + ", stride " + stride + ", pad " + padding + ")";
        }
    }

    /** The hand-written list of a shipped architecture, by registry name. */
    static List<Layer> of(String architecture) {
        return switch (architecture) {
            case "z2cnn" -> mnist(20, 1);
            case "p4cnn" -> mnist(10, 4);
            case "p4mcnn" -> mnist(7, 8);
            case "resnet44-z2" -> resnet44(32, 1);
            case "resnet44-p4", "resnet44-p4-cosetpool" -> resnet44(16, 4);
            case "resnet44-p4m", "resnet44-p4m-cosetpool" -> resnet44(12, 8);
            case "resnet44-p4-gc" -> resnet44(47, 4, true);
            case "resnet44-p4m-gc" -> resnet44(35, 8, true);
            case "resnet18-z2" -> officialResNet(2, new int[] {64, 128, 256, 512}, 1);
            case "resnet18-p4", "resnet18-p4-cosetpool" -> officialResNet(2, new int[] {32, 64, 128, 256}, 4);
            case "resnet18-p4m", "resnet18-p4m-cosetpool" -> officialResNet(2, new int[] {23, 46, 92, 184}, 8);
            case "resnet44-z2-pcam" -> officialResNet(7, new int[] {8, 14, 28}, 1);
            case "resnet44-p4-pcam" -> officialResNet(7, new int[] {4, 7, 14}, 4);
            default -> throw new IllegalArgumentException("no hand-written geometry for '" + architecture + "'");
        };
    }

    /** {@code MnistGCnn.layers()} as written by hand. */
    private static List<Layer> mnist(int width, int order) {
        int c = width * order;
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.conv("conv1", 3, 1, 1, 1, c));
        layers.add(Layer.conv("conv2", 3, 1, 1, c, c));
        layers.add(Layer.pool("pool", 2, 2, c));
        for (int i = 3; i <= 6; i++) {
            layers.add(Layer.conv("conv" + i, 3, 1, 1, c, c));
        }
        layers.add(Layer.conv("conv7", 4, 1, 0, c, c));
        return layers;
    }

    /** {@code ResNet44.layers()} as written by hand. */
    private static List<Layer> resnet44(int width, int g) {
        return resnet44(width, g, false);
    }

    /**
     * The paper's ResNet-44, with its blocks' 3×3 convolutions group and channel separable when {@code gc}
     * (its code's gcP4ResNet44 / gcP4MResNet44: stem and 1×1 shortcuts stay full).
     */
    private static List<Layer> resnet44(int width, int g, boolean gc) {
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.conv("stem", 3, 1, 1, 1, width * g));
        int in = width;
        for (int stage = 0; stage < 3; stage++) {
            int out = width << stage;
            for (int block = 0; block < 7; block++) {
                String id = "s" + (stage + 1) + "b" + (block + 1);
                int stride = block == 0 && stage > 0 ? 2 : 1;
                layers.add(gc ? Layer.separable(id + "_conv1", 3, stride, 1, in * g, out * g)
                        : Layer.conv(id + "_conv1", 3, stride, 1, in * g, out * g));
                if (stride == 2) {
                    layers.add(Layer.branchConv(id + "_shortcut", 1, 2, 0, in * g, out * g));
                }
                layers.add(gc ? Layer.separable(id + "_conv2", 3, 1, 1, out * g, out * g)
                        : Layer.conv(id + "_conv2", 3, 1, 1, out * g, out * g));
                in = out;
            }
        }
        return layers;
    }

    /**
     * The official code's CustomResNet (experiments/models/resnet*.py, classification/pcam/resnet44*.py): a 3×3
     * stem, then {@code blocks} blocks per stage, strides 1, 2, 2, …; a block whose stride or width changes has a
     * 1×1 shortcut on its raw input, which the network sees before the block's first convolution.
     */
    private static List<Layer> officialResNet(int blocks, int[] fields, int g) {
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.conv("stem", 3, 1, 1, 1, fields[0] * g));
        int in = fields[0];
        for (int stage = 0; stage < fields.length; stage++) {
            int out = fields[stage];
            for (int block = 0; block < blocks; block++) {
                String id = "s" + (stage + 1) + "b" + (block + 1);
                int stride = block == 0 && stage > 0 ? 2 : 1;
                if (stride != 1 || in != out) {
                    layers.add(Layer.besideConv(id + "_shortcut", 1, stride, 0, in * g, out * g));
                }
                layers.add(Layer.conv(id + "_conv1", 3, stride, 1, in * g, out * g));
                layers.add(Layer.conv(id + "_conv2", 3, 1, 1, out * g, out * g));
                in = out;
            }
        }
        return layers;
    }

    /** {@code ExactnessAnalysis.analyse} as it ran on the hand-written lists. */
    static ExactnessReport analyse(String name, List<Layer> layers, int inputSize) {
        List<Integer> sizes = new ArrayList<>();
        String breaking = "";
        int n = inputSize;
        int previousInput = inputSize;
        for (Layer layer : layers) {
            if (layer.branch()) {
                sizes.add(previousInput);
                if (breaking.isEmpty() && !layer.isExactAt(previousInput)) {
                    breaking = layer.name();
                }
                continue;
            }
            if (layer.beside()) {
                sizes.add(n);
                if (breaking.isEmpty() && !layer.isExactAt(n)) {
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

    /** {@code ExactnessAnalysis.minimumInputSize} as it ran on the hand-written lists. */
    static int minimumInputSize(List<Layer> layers) {
        for (int n = 1; n <= 4096; n++) {
            int m = n;
            boolean fits = true;
            for (Layer layer : layers) {
                if (layer.branch() || layer.beside()) {
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

    /** {@code ExactnessAnalysis.forwardMultiplyAdds} as it ran on the hand-written lists. */
    static long forwardMultiplyAdds(List<Layer> layers, int inputSize) {
        long total = 0;
        int n = inputSize;
        int previousInput = inputSize;
        for (Layer layer : layers) {
            int in = layer.branch() ? previousInput : n;
            int out = layer.outputSize(in);
            if (out < 1) {
                return total;
            }
            total += (long) out * out * layer.outChannels() * layer.weightsPerOutput()
                    + (long) in * in * layer.mixPerInput();
            if (!layer.branch() && !layer.beside()) {
                previousInput = n;
                n = out;
            }
        }
        return total;
    }

    /** {@code ExactnessReport.exactThrough} as it ran on the hand-written lists. */
    static boolean exactThrough(ExactnessReport report, List<Layer> layers, String layer) {
        if (report.breakingLayer().isEmpty()) {
            return report.valid();
        }
        int breakAt = -1;
        int at = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(report.breakingLayer())) {
                breakAt = i;
            }
            if (layers.get(i).name().equals(layer)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no layer '" + layer + "' in " + report.architecture());
        }
        return at < breakAt;
    }
}

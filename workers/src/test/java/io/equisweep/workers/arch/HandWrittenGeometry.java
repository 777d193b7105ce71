package io.equisweep.workers.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle of "today": the layer lists each architecture once wrote by hand beside its
 * {@code configure(...)}, and the exactness analysis and cost count as they ran on them, frozen here
 * (own types, no main-code geometry) so that the geometry derived from the built network can be checked
 * against exactly what sweeps have stored so far. Do not update it to follow main code. Architectures added
 * since get their lists here written by hand from the official code's model definitions.
 *
 * <p>One deliberate change: with numerics version 3 the CIFAR ResNet-44s ({@code resnet44-z2}, {@code -p4},
 * {@code -p4m}, their {@code -cosetpool} and {@code -gc} variants) were rebuilt as the official code builds them,
 * with the projection shortcut on the block's raw input rather than on its pre-activation, so that their lists
 * here now show that shortcut beside the block ({@code besideConv}, before {@code _conv1}) as the ResNet-18 and
 * PCam lists do; the analysis at even sizes now breaks at {@code s2b1_shortcut} rather than {@code s2b1_conv1}.
 * The old lists described a network no longer built (with them went the {@code branchConv} kind, a shortcut on
 * the previous layer's input, that only they used); results stored before version 3 are stale.
 */
final class HandWrittenGeometry {
    private HandWrittenGeometry() {
    }

    /**
     * One layer as it was written by hand; {@code mixPerInput}: multiply-adds per input position of a separable
     * conv's 1×1 half, at the input's size; {@code beside}: reads the map the next layer reads, and leaves it to
     * that layer (a shortcut listed before its block).
     */
    record Layer(String name, int kernel, int stride, int padding, int inChannels, int outChannels,
                 long weightsPerOutput, long mixPerInput, boolean beside) {

        static Layer conv(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel * in, 0, false);
        }

        /** A group and channel separable conv: a 1×1 conv in → out, then a k×k depthwise conv per output channel. */
        static Layer separable(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel, (long) in * out, false);
        }

        static Layer besideConv(String name, int kernel, int stride, int padding, int in, int out) {
            return new Layer(name, kernel, stride, padding, in, out, (long) kernel * kernel * in, 0, true);
        }

        static Layer pool(String name, int kernel, int stride, int channels) {
            return new Layer(name, kernel, stride, 0, channels, channels, 0, 0, false);
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
            case "resnet44-z2" -> officialResNet(7, new int[] {32, 64, 128}, 1);
            case "resnet44-p4", "resnet44-p4-cosetpool" -> officialResNet(7, new int[] {16, 32, 64}, 4);
            case "resnet44-p4m", "resnet44-p4m-cosetpool" -> officialResNet(7, new int[] {12, 24, 48}, 8);
            case "resnet44-p4-gc" -> officialResNet(7, new int[] {47, 94, 188}, 4, true);
            case "resnet44-p4m-gc" -> officialResNet(7, new int[] {35, 70, 140}, 8, true);
            case "resnet18-z2" -> officialResNet(2, new int[] {64, 128, 256, 512}, 1);
            case "resnet18-p4", "resnet18-p4-cosetpool" -> officialResNet(2, new int[] {32, 64, 128, 256}, 4);
            case "resnet18-p4m", "resnet18-p4m-cosetpool" -> officialResNet(2, new int[] {23, 46, 92, 184}, 8);
            case "resnet18-p4-gc" -> officialResNet(2, new int[] {90, 180, 360, 720}, 4, true);
            case "resnet18-p4m-gc" -> officialResNet(2, new int[] {64, 128, 256, 512}, 8, true);
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

    /**
     * The official code's CustomResNet (experiments/models/resnet*.py, classification/pcam/resnet44*.py): a 3×3
     * stem, then {@code blocks} blocks per stage, strides 1, 2, 2, …; a block whose stride or width changes has a
     * 1×1 shortcut on its raw input, which the network sees before the block's first convolution.
     */
    private static List<Layer> officialResNet(int blocks, int[] fields, int g) {
        return officialResNet(blocks, fields, g, false);
    }

    /**
     * The same with its blocks' 3×3 convolutions group and channel separable when {@code gc} (its code's gcP4ResNet18,
     * gcP4MResNet18, gcP4ResNet44, gcP4MResNet44: the stem and the 1×1 shortcuts stay full).
     */
    private static List<Layer> officialResNet(int blocks, int[] fields, int g, boolean gc) {
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
                layers.add(gc ? Layer.separable(id + "_conv1", 3, stride, 1, in * g, out * g)
                        : Layer.conv(id + "_conv1", 3, stride, 1, in * g, out * g));
                layers.add(gc ? Layer.separable(id + "_conv2", 3, 1, 1, out * g, out * g)
                        : Layer.conv(id + "_conv2", 3, 1, 1, out * g, out * g));
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
        for (Layer layer : layers) {
            if (layer.beside()) {
                sizes.add(n);
                if (breaking.isEmpty() && !layer.isExactAt(n)) {
                    breaking = layer.name();
                }
                continue;
            }
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
                if (layer.beside()) {
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
        for (Layer layer : layers) {
            int in = n;
            int out = layer.outputSize(in);
            if (out < 1) {
                return total;
            }
            total += (long) out * out * layer.outChannels() * layer.weightsPerOutput()
                    + (long) in * in * layer.mixPerInput();
            if (!layer.beside()) {
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

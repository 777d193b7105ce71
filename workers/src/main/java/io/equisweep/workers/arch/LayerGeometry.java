package io.equisweep.workers.arch;

/**
 * The spatial footprint of one layer: what the exactness rule and the cost model need.
 *
 * @param inChannels  input channels including the group axis (C · |G|)
 * @param outChannels output channels including the group axis
 * @param weightsPerOutput multiply-adds per output value, e.g. k² · inChannels for a dense conv, k² for the
 *                    depthwise half of a separable one; 0 for pooling
 * @param multiplyAddsPerInput multiply-adds per input position, spent at the input's resolution before any
 *                    subsampling: inChannels · outChannels for the 1×1 half of a separable conv, 0 otherwise
 * @param input       whose output this layer sees: the name of a layer before it in the list,
 *                    {@link #NETWORK_INPUT} for the network's input image, or {@link #PREVIOUS} for the
 *                    layer just before it (the input image for the first). Layers that keep the spatial
 *                    size (batch norm, ReLU, dropout, sums) are not listed, so a ResNet shortcut names
 *                    the same layer as its block's first convolution.
 */
public record LayerGeometry(String name, Kind kind, int kernel, int stride, int padding,
                            int inChannels, int outChannels, long weightsPerOutput, long multiplyAddsPerInput,
                            String input) {

    public enum Kind { CONV, POOL }

    /** {@link #input} of a layer that sees the network's input image. */
    public static final String NETWORK_INPUT = "";
    /** {@link #input} of a layer that sees the output of the layer just before it in its list. */
    public static final String PREVIOUS = "<previous>";

    public LayerGeometry {
        if (kernel < 1 || stride < 1 || padding < 0 || input == null) {
            throw new IllegalArgumentException("layer " + name + ": need kernel >= 1, stride >= 1, padding >= 0 and "
                    + "an input; got kernel " + kernel + ", stride " + stride + ", padding " + padding + ", input "
                    + input);
        }
    }

    /** A convolution that sees the output of the layer before it. */
    public static LayerGeometry conv(String name, int kernel, int stride, int padding, int in, int out) {
        return new LayerGeometry(name, Kind.CONV, kernel, stride, padding, in, out, (long) kernel * kernel * in, 0,
                PREVIOUS);
    }

    /** An unpadded pooling layer that sees the output of the layer before it. */
    public static LayerGeometry pool(String name, int kernel, int stride, int channels) {
        return new LayerGeometry(name, Kind.POOL, kernel, stride, 0, channels, channels, 0, 0, PREVIOUS);
    }

    /** Multiply-adds of one image's forward pass through this layer, seeing an n×n map that it fits. */
    public long multiplyAdds(int n) {
        int out = outputSize(n);
        return (long) out * out * outChannels * weightsPerOutput + (long) n * n * multiplyAddsPerInput;
    }

    /** Output size for input size {@code n}, or a negative number when the kernel does not fit. */
    public int outputSize(int n) {
        int span = n + 2 * padding - kernel;
        return span < 0 ? -1 : span / stride + 1;
    }

    /** Whether this layer samples a size-{@code n} input symmetrically: (n + 2p − k) mod s = 0. */
    public boolean isExactAt(int n) {
        return stride == 1 || (n + 2 * padding - kernel) % stride == 0;
    }

    public String describe() {
        return name + " (" + kernel + "×" + kernel + ", stride " + stride + ", pad " + padding + ")";
    }
}

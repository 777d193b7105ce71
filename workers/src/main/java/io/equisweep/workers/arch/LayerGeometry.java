package io.equisweep.workers.arch;

/**
 * The spatial footprint of one layer: what the exactness rule and the cost model need.
 *
 * @param inChannels  input channels including the group axis (C · |G|)
 * @param outChannels output channels including the group axis
 * @param weightsPerOutput multiply-adds per output value, e.g. k² · inChannels for a dense conv;
 *                    0 for pooling
 * @param branch      a parallel branch (a ResNet shortcut): it reads the same input as the layer before
 *                    it in the list and does not advance the main path
 */
public record LayerGeometry(String name, Kind kind, int kernel, int stride, int padding,
                            int inChannels, int outChannels, long weightsPerOutput, boolean branch) {

    public enum Kind { CONV, POOL }

    public static LayerGeometry conv(String name, int kernel, int stride, int padding, int in, int out) {
        return new LayerGeometry(name, Kind.CONV, kernel, stride, padding, in, out, (long) kernel * kernel * in, false);
    }

    /** A convolution on a parallel branch reading the previous layer's input. */
    public static LayerGeometry branchConv(String name, int kernel, int stride, int padding, int in, int out) {
        return new LayerGeometry(name, Kind.CONV, kernel, stride, padding, in, out, (long) kernel * kernel * in, true);
    }

    public static LayerGeometry pool(String name, int kernel, int stride, int channels) {
        return new LayerGeometry(name, Kind.POOL, kernel, stride, 0, channels, channels, 0, false);
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

package io.equisweep.workers.data;

/**
 * Labelled square images held in memory as one flat array (N × C × H × W, values in [0, 1]), not as
 * per-image objects: compact to hold, cheap to broadcast and to copy into a batch.
 */
public final class ImageSet implements Images {
    private final float[] pixels;
    private final int[] labels;
    private final int channels;
    private final int size;
    private final int classes;

    public ImageSet(float[] pixels, int[] labels, int channels, int size, int classes) {
        if (channels < 1 || size < 1 || classes < 1) {
            throw new IllegalArgumentException("channels, size and classes must be positive");
        }
        if ((long) labels.length * channels * size * size != pixels.length) {
            throw new IllegalArgumentException("pixel array holds " + pixels.length + " values, expected "
                    + labels.length + " images × " + channels + " × " + size + " × " + size);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.size = size;
        this.classes = classes;
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public int count() {
        return labels.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int imageLength() {
        return channels * size * size;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    /** The labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The backing array; callers must not modify it. */
    public float[] pixels() {
        return pixels;
    }

    @Override
    public void copyImage(int i, float[] dst, int dstOffset) {
        System.arraycopy(pixels, i * imageLength(), dst, dstOffset, imageLength());
    }

    /** The images at {@code indices}, in that order (a copy). */
    @Override
    public ImageSet select(int[] indices) {
        int len = imageLength();
        float[] p = new float[indices.length * len];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * len, p, k * len, len);
            l[k] = labels[indices[k]];
        }
        return new ImageSet(p, l, channels, size, classes);
    }

    /** Mean and standard deviation over all pixels. */
    public float[] meanAndStd() {
        double sum = 0;
        double sumSq = 0;
        for (float v : pixels) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / pixels.length;
        double var = Math.max(sumSq / pixels.length - mean * mean, 0);
        return new float[] {(float) mean, (float) Math.sqrt(var)};
    }
}

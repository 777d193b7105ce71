package io.equisweep.workers.data;

import io.equisweep.workers.symmetry.ImageTransforms;

/**
 * The paper's PCam preprocessing, applied to every split before any symmetry transform: a centre
 * {@code crop} × {@code crop} patch (0: none; the official code's {@code --crop} is 32 of 96), then with
 * {@code circleCrop} every pixel outside the inscribed circle set to 0, then a resize to the cell's input size
 * (the official code resizes each batch after cropping, so a cropped 32×32 patch is enlarged to 96 or 97).
 * The circle is zero in [0, 1] pixel values, as the rotations' fill outside the image is; the official code
 * zeroes after normalisation, i.e. fills with the dataset mean.
 */
public record Preprocessing(int crop, boolean circleCrop) {
    public static final Preprocessing NONE = new Preprocessing(0, false);

    public Preprocessing {
        if (crop < 0) {
            throw new IllegalArgumentException("crop must be >= 0 (0: none), got " + crop);
        }
    }

    public boolean none() {
        return crop == 0 && !circleCrop;
    }

    /** The side after cropping an image of side {@code n}; a crop larger than the image is an error naming both. */
    public int croppedSize(int n) {
        if (crop > n) {
            throw new DatasetException("crop " + crop + " is larger than the dataset's " + n + "×" + n + " images");
        }
        return crop == 0 ? n : crop;
    }

    /** One image of side {@code n} at {@code src[srcOffset]} to side {@code m} at {@code dst[dstOffset]}. */
    public void apply(float[] src, int srcOffset, int channels, int n, float[] dst, int dstOffset, int m) {
        if (none()) {
            ImageTransforms.resize(src, srcOffset, dst, dstOffset, channels, n, m);
            return;
        }
        int k = croppedSize(n);
        float[] patch = new float[channels * k * k];
        int from = (n - k) / 2;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < k; y++) {
                System.arraycopy(src, srcOffset + c * n * n + (y + from) * n + from, patch, c * k * k + y * k, k);
            }
        }
        if (circleCrop) {
            circle(patch, channels, k);
        }
        ImageTransforms.resize(patch, 0, dst, dstOffset, channels, k, m);
    }

    /** Zero outside the inscribed circle: (i − r)² + (j − r)² > r² with r = (n − 1) / 2, as the official code. */
    static void circle(float[] image, int channels, int n) {
        double r = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if ((i - r) * (i - r) + (j - r) * (j - r) > r * r) {
                    for (int c = 0; c < channels; c++) {
                        image[c * n * n + i * n + j] = 0f;
                    }
                }
            }
        }
    }
}

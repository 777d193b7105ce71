package io.equisweep.workers.symmetry;

/**
 * Geometric transforms of square images stored channel-major (C × n × n) in float arrays.
 * Angles are in degrees, counter-clockwise as the image is displayed (row 0 at the top).
 * Multiples of 90° are exact index permutations; other angles use bilinear interpolation about
 * the image centre with zero fill.
 */
public final class ImageTransforms {
    private ImageTransforms() {
    }

    /** Rotates by {@code quarterTurns} × 90° counter-clockwise, exactly. */
    public static void rot90(float[] src, int srcOffset, float[] dst, int dstOffset, int channels, int n,
                             int quarterTurns) {
        int k = Math.floorMod(quarterTurns, 4);
        int plane = n * n;
        for (int c = 0; c < channels; c++) {
            int s = srcOffset + c * plane;
            int d = dstOffset + c * plane;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int from = switch (k) {
                        case 0 -> i * n + j;
                        case 1 -> j * n + (n - 1 - i);
                        case 2 -> (n - 1 - i) * n + (n - 1 - j);
                        default -> (n - 1 - j) * n + i;
                    };
                    dst[d + i * n + j] = src[s + from];
                }
            }
        }
    }

    /**
     * Applies a transform (an optional reflection, then a rotation) to one image; {@code scratch} must
     * hold at least one image and is used only when reflecting.
     */
    public static void apply(SymmetryDistribution.Transform t, float[] src, int srcOffset, float[] dst, int dstOffset,
                             int channels, int n, float[] scratch) {
        if (t.flip()) {
            flip(src, srcOffset, scratch, 0, channels, n);
            rotate(scratch, 0, dst, dstOffset, channels, n, t.degrees());
        } else {
            rotate(src, srcOffset, dst, dstOffset, channels, n, t.degrees());
        }
    }

    /** Reflects left to right (the D4 reflection about the vertical axis), exactly. */
    public static void flip(float[] src, int srcOffset, float[] dst, int dstOffset, int channels, int n) {
        int plane = n * n;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                int row = c * plane + i * n;
                for (int j = 0; j < n; j++) {
                    dst[dstOffset + row + j] = src[srcOffset + row + (n - 1 - j)];
                }
            }
        }
    }

    /**
     * Rotates by any angle. Multiples of 90° dispatch to {@link #rot90}; {@code src} and {@code dst}
     * must not overlap.
     */
    public static void rotate(float[] src, int srcOffset, float[] dst, int dstOffset, int channels, int n,
                              double degrees) {
        double turns = degrees / 90.0;
        if (turns == Math.rint(turns)) {
            rot90(src, srcOffset, dst, dstOffset, channels, n, (int) Math.rint(turns) % 4);
            return;
        }
        double theta = Math.toRadians(degrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double c0 = (n - 1) / 2.0;
        int plane = n * n;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double u = x - c0;
                double v = c0 - y;
                double su = u * cos + v * sin;
                double sv = -u * sin + v * cos;
                double sx = su + c0;
                double sy = c0 - sv;
                for (int c = 0; c < channels; c++) {
                    dst[dstOffset + c * plane + y * n + x] = sampleZero(src, srcOffset + c * plane, n, n, sx, sy);
                }
            }
        }
    }

    /**
     * Resizes from {@code n} × {@code n} to {@code m} × {@code m} by bilinear interpolation with
     * pixel-centre alignment and edge clamping (PyTorch's {@code interpolate(..., align_corners=False)}).
     */
    public static float[] resize(float[] src, int channels, int n, int m) {
        float[] dst = new float[channels * m * m];
        resize(src, 0, dst, 0, channels, n, m);
        return dst;
    }

    public static void resize(float[] src, int srcOffset, float[] dst, int dstOffset, int channels, int n, int m) {
        if (n == m) {
            System.arraycopy(src, srcOffset, dst, dstOffset, channels * n * n);
            return;
        }
        double scale = (double) n / m;
        for (int c = 0; c < channels; c++) {
            int s = srcOffset + c * n * n;
            int d = dstOffset + c * m * m;
            for (int y = 0; y < m; y++) {
                double sy = Math.min(Math.max((y + 0.5) * scale - 0.5, 0), n - 1);
                for (int x = 0; x < m; x++) {
                    double sx = Math.min(Math.max((x + 0.5) * scale - 0.5, 0), n - 1);
                    dst[d + y * m + x] = sampleZero(src, s, n, n, sx, sy);
                }
            }
        }
    }

    /**
     * Resizes the box of {@code height} rows from {@code top} and {@code width} columns from {@code left} of an
     * {@code n} × {@code n} image to {@code m} × {@code m}, bilinear with pixel-centre alignment and clamping at the
     * box's edges (cropping, then {@code interpolate(..., align_corners=False)}). No antialiasing: meant for boxes
     * no larger than the output.
     */
    public static void resizeBox(float[] src, int srcOffset, int channels, int n, int top, int left, int height,
                                 int width, float[] dst, int dstOffset, int m) {
        double scaleY = (double) height / m;
        double scaleX = (double) width / m;
        for (int c = 0; c < channels; c++) {
            int s = srcOffset + c * n * n;
            int d = dstOffset + c * m * m;
            for (int y = 0; y < m; y++) {
                double sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), height - 1);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, height - 1);
                double fy = sy - y0;
                int row0 = s + (top + y0) * n + left;
                int row1 = s + (top + y1) * n + left;
                for (int x = 0; x < m; x++) {
                    double sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), width - 1);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, width - 1);
                    double fx = sx - x0;
                    double upper = (1 - fx) * src[row0 + x0] + fx * src[row0 + x1];
                    double lower = (1 - fx) * src[row1 + x0] + fx * src[row1 + x1];
                    dst[d + y * m + x] = (float) ((1 - fy) * upper + fy * lower);
                }
            }
        }
    }

    /** Bilinear sample at (x, y) in pixel coordinates; points outside the image read as 0. */
    private static float sampleZero(float[] a, int offset, int h, int w, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v = 0;
        v += (1 - fx) * (1 - fy) * at(a, offset, h, w, x0, y0);
        v += fx * (1 - fy) * at(a, offset, h, w, x0 + 1, y0);
        v += (1 - fx) * fy * at(a, offset, h, w, x0, y0 + 1);
        v += fx * fy * at(a, offset, h, w, x0 + 1, y0 + 1);
        return (float) v;
    }

    private static float at(float[] a, int offset, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : a[offset + y * w + x];
    }
}

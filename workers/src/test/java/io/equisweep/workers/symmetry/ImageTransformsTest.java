package io.equisweep.workers.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTransformsTest {

    private static float[] random(int channels, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[channels * n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble();
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 28, 29})
    void fourQuarterTurnsAreTheIdentityBitForBit(int n) {
        float[] x = random(2, n, n);
        float[] a = x.clone();
        float[] b = new float[x.length];
        for (int i = 0; i < 4; i++) {
            ImageTransforms.rot90(a, 0, b, 0, 2, n, 1);
            float[] t = a;
            a = b;
            b = t;
        }
        assertThat(a).containsExactly(x);
    }

    @Test
    void quarterTurnIsCounterClockwise() {
        // 2×2 image [[a, b], [c, d]] rotated 90° counter-clockwise is [[b, d], [a, c]].
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        ImageTransforms.rot90(x, 0, y, 0, 1, 2, 1);
        assertThat(y).containsExactly(2, 4, 1, 3);
    }

    @Test
    void reflectionTwiceIsTheIdentityAndReflectionConjugatesRotation() {
        int n = 7;
        float[] x = random(1, n, 3);
        float[] f = new float[x.length];
        float[] ff = new float[x.length];
        ImageTransforms.flip(x, 0, f, 0, 1, n);
        ImageTransforms.flip(f, 0, ff, 0, 1, n);
        assertThat(ff).containsExactly(x);
        // D4 relation: flip ∘ r ∘ flip = r⁻¹.
        float[] r = new float[x.length];
        float[] lhs = new float[x.length];
        ImageTransforms.rot90(f, 0, r, 0, 1, n, 1);
        ImageTransforms.flip(r, 0, lhs, 0, 1, n);
        float[] rhs = new float[x.length];
        ImageTransforms.rot90(x, 0, rhs, 0, 1, n, 3);
        assertThat(lhs).containsExactly(rhs);
    }

    @Test
    void bilinearRotationByNinetyMatchesTheExactRotationInTheInterior() {
        int n = 21;
        float[] x = random(1, n, 5);
        float[] exact = new float[x.length];
        ImageTransforms.rot90(x, 0, exact, 0, 1, n, 1);
        // Force the interpolating path: 90° plus an angle far below float resolution of the grid.
        float[] bilinear = new float[x.length];
        ImageTransforms.rotate(x, 0, bilinear, 0, 1, n, 90 + 1e-9);
        for (int y = 1; y < n - 1; y++) {
            for (int xx = 1; xx < n - 1; xx++) {
                assertThat(bilinear[y * n + xx]).isCloseTo(exact[y * n + xx], within(1e-6f));
            }
        }
    }

    @Test
    void rotationPreservesTheMassOfACentredBlob() {
        int n = 33;
        float[] blob = new float[n * n];
        double c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r2 = (x - c) * (x - c) + (y - c) * (y - c);
                blob[y * n + x] = (float) Math.exp(-r2 / (2 * 3.0 * 3.0));
            }
        }
        double mass = sum(blob);
        for (double angle : new double[] {10, 33, 45, 135, 271}) {
            float[] out = new float[blob.length];
            ImageTransforms.rotate(blob, 0, out, 0, 1, n, angle);
            assertThat(sum(out)).isCloseTo(mass, within(mass * 1e-3));
        }
    }

    @Test
    void resizeKeepsConstantImagesAndSameSizeIsACopy() {
        float[] ones = new float[28 * 28];
        java.util.Arrays.fill(ones, 0.5f);
        for (int m : new int[] {27, 29, 33}) {
            float[] out = ImageTransforms.resize(ones, 1, 28, m);
            assertThat(out).hasSize(m * m);
            for (float v : out) {
                assertThat(v).isCloseTo(0.5f, within(1e-6f));
            }
        }
        float[] x = random(1, 9, 1);
        assertThat(ImageTransforms.resize(x, 1, 9, 9)).containsExactly(x);
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}

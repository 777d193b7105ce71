package io.equisweep.driver.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class WelchContrastTest {
    @Test
    void aDifferenceIsWelchsTwoSampleTestAsCommonsMathComputesIt() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            double[] a = sample(random, 2 + random.nextInt(8), random.nextGaussian() * 3, 1 + random.nextDouble() * 4);
            double[] b = sample(random, 2 + random.nextInt(8), 0, 1 + random.nextDouble() * 4);
            WelchContrast c = WelchContrast.difference(a, b);
            assertThat(c.p()).isCloseTo(new TTest().tTest(a, b), within(1e-9));
            assertThat(c.estimate()).isCloseTo(mean(a) - mean(b), within(1e-12));
            assertThat((c.low() + c.high()) / 2).isCloseTo(c.estimate(), within(1e-9));
            // The 95 % interval excludes 0 exactly when the test rejects at 0.05.
            assertThat(c.low() > 0 || c.high() < 0).isEqualTo(c.p() < 0.05);
        }
    }

    @Test
    void aDifferenceOfGapsAddsTheFourVariances() {
        double[] a = {10, 12, 14};
        double[] b = {1, 2, 3};
        double[] c = {5, 5.5, 6};
        double[] d = {4, 4, 4.5};
        WelchContrast gaps = WelchContrast.differenceOfDifferences(a, b, c, d);
        assertThat(gaps.estimate()).isCloseTo((12 - 2) - (5.5 - 12.5 / 3), within(1e-12));
        assertThat(gaps.standardError()).isCloseTo(Math.sqrt((4 + 1 + 0.25 + 1.0 / 12) / 3), within(1e-12));
    }

    @Test
    void oneSeedHasNoSpreadAndDecidesNothing() {
        WelchContrast c = WelchContrast.difference(new double[] {90}, new double[] {50, 52});
        assertThat(c.defined()).isFalse();
        assertThat(c.significant()).isFalse();
        assertThat(c.seedsToResolve(40)).isEqualTo(-1);
    }

    @Test
    void theSeedsToResolveAnEffectGrowWithItsSpreadAndShrinkWithItsSize() {
        WelchContrast c = WelchContrast.difference(new double[] {1, 3}, new double[] {0, 2});
        int small = c.seedsToResolve(1);
        int large = c.seedsToResolve(4);
        assertThat(small).isGreaterThan(large).isGreaterThan(2);
        // The normal approximation (z₀.₉₇₅ + z₀.₈)²·(s₁² + s₂²)/d² gives 15.7 for s² = 2 each and d = √2; the t
        // distribution asks a seed or two more.
        assertThat(WelchContrast.difference(new double[] {0, 2}, new double[] {0, 2}).seedsToResolve(Math.sqrt(2)))
                .isBetween(16, 18);
    }

    private static double[] sample(Random random, int n, double mean, double sd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * random.nextGaussian();
        }
        return x;
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElseThrow();
    }
}

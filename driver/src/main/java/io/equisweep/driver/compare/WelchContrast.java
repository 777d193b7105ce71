package io.equisweep.driver.compare;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A linear contrast Σ cᵢ·x̄ᵢ of independent samples' means (x̄₁ − x̄₂ for two, (x̄₁ − x̄₂) − (x̄₃ − x̄₄) for a
 * difference of gaps), tested two-sided with Welch's t: standard error √(Σ cᵢ²sᵢ²/nᵢ), degrees of freedom by
 * Welch–Satterthwaite. With two samples and coefficients (1, −1) this is Welch's two-sample test, as
 * commons-math3's {@code TTest.tTest(a, b)} computes it.
 *
 * @param estimate the contrast of the sample means
 * @param low      lower end of its 95 % interval (NaN when a sample has fewer than two values)
 * @param high     upper end
 * @param p        two-sided p-value of "the contrast is 0" (NaN when undefined)
 * @param n        each sample's size
 */
public record WelchContrast(double estimate, double standardError, double degreesOfFreedom, double low, double high,
                            double p, int[] n, double[] variances, double[] coefficients) {
    public static final double ALPHA = 0.05;
    public static final double POWER = 0.8;

    /** x̄(a) − x̄(b). */
    public static WelchContrast difference(double[] a, double[] b) {
        return of(new double[] {1, -1}, a, b);
    }

    /** (x̄(a) − x̄(b)) − (x̄(c) − x̄(d)). */
    public static WelchContrast differenceOfDifferences(double[] a, double[] b, double[] c, double[] d) {
        return of(new double[] {1, -1, -1, 1}, a, b, c, d);
    }

    public static WelchContrast of(double[] coefficients, double[]... samples) {
        if (coefficients.length != samples.length) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + samples.length + " samples");
        }
        double estimate = 0;
        int[] n = new int[samples.length];
        double[] variances = new double[samples.length];
        boolean defined = true;
        for (int i = 0; i < samples.length; i++) {
            n[i] = samples[i].length;
            if (n[i] == 0) {
                throw new IllegalArgumentException("sample " + i + " is empty");
            }
            double mean = Arrays.stream(samples[i]).average().orElseThrow();
            estimate += coefficients[i] * mean;
            if (n[i] < 2) {
                defined = false;
                variances[i] = Double.NaN;
            } else {
                variances[i] = Arrays.stream(samples[i]).map(x -> (x - mean) * (x - mean)).sum() / (n[i] - 1);
            }
        }
        if (!defined) {
            return new WelchContrast(estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, variances,
                    coefficients);
        }
        double[] terms = terms(coefficients, variances, n);
        double se2 = Arrays.stream(terms).sum();
        double se = Math.sqrt(se2);
        if (se == 0) {
            return new WelchContrast(estimate, 0, Double.POSITIVE_INFINITY, estimate, estimate, estimate == 0 ? 1 : 0, n,
                    variances, coefficients);
        }
        double df = degreesOfFreedom(terms, n);
        TDistribution t = new TDistribution(df);
        double half = t.inverseCumulativeProbability(1 - ALPHA / 2) * se;
        double p = 2 * t.cumulativeProbability(-Math.abs(estimate) / se);
        return new WelchContrast(estimate, se, df, estimate - half, estimate + half, p, n, variances, coefficients);
    }

    private static double[] terms(double[] coefficients, double[] variances, int[] n) {
        double[] terms = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            terms[i] = coefficients[i] * coefficients[i] * variances[i] / n[i];
        }
        return terms;
    }

    private static double degreesOfFreedom(double[] terms, int[] n) {
        double sum = Arrays.stream(terms).sum();
        double denominator = 0;
        for (int i = 0; i < n.length; i++) {
            if (terms[i] > 0) {
                denominator += terms[i] * terms[i] / (n[i] - 1);
            }
        }
        return sum * sum / denominator;
    }

    public boolean defined() {
        return !Double.isNaN(p);
    }

    public boolean significant() {
        return defined() && p < ALPHA;
    }

    /**
     * The seeds per sample that would detect a contrast of {@code effect} at the observed spread with power
     * {@link #POWER} at level {@link #ALPHA} (two-sided; the t distribution's power by the usual shifted-t
     * approximation); -1 when the spread is unknown (a sample of one) or {@code effect} is 0.
     */
    public int seedsToResolve(double effect) {
        if (!defined() || effect == 0) {
            return -1;
        }
        if (standardError == 0) {
            return 2;
        }
        for (int seeds = 2; seeds <= 100_000; seeds++) {
            int[] equal = new int[n.length];
            Arrays.fill(equal, seeds);
            double[] terms = terms(coefficients, variances, equal);
            double se = Math.sqrt(Arrays.stream(terms).sum());
            TDistribution t = new TDistribution(degreesOfFreedom(terms, equal));
            double critical = t.inverseCumulativeProbability(1 - ALPHA / 2);
            if (1 - t.cumulativeProbability(critical - Math.abs(effect) / se) >= POWER) {
                return seeds;
            }
        }
        return 100_000;
    }
}

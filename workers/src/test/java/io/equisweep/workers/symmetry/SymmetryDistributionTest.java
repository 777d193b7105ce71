package io.equisweep.workers.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymmetryDistributionTest {
    static final int DRAWS = 10_000;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        upright                 | upright
        ' C4 '                  | c4
        d4                      | d4
        uniform                 | uniform
        normal(45, 20)          | normal(45,20)
        normal(45.0,40)         | normal(45,40)
        range(-30, 30)          | range(-30,30)
        mixture(0.5, c4)        | mixture(0.5,c4)
        mixture(0.25,normal(0,10)) | mixture(0.25,normal(0,10))
        """)
    void parsesToACanonicalName(String text, String canonical) {
        assertThat(SymmetryDistribution.parse(text).name()).isEqualTo(canonical);
        assertThat(SymmetryDistribution.parse(canonical).name()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        uniform                 | uniform             | ONCE
        normal(45,20)           | normal(45,20)       | BATCH
        normal(45,20)@batch     | normal(45,20)       | BATCH
        normal(45,20)@image     | normal(45,20)@image | IMAGE
        uniform@once            | uniform             | ONCE
        c4@image                | c4@image            | IMAGE
        range(-10,10)           | range(-10,10)       | IMAGE
        mixture(0.5,normal(0,5)) | mixture(0.5,normal(0,5)) | BATCH
        """)
    void samplingDefaultsToThePapersChoiceAndCanBeOverridden(String text, String canonical, Sampling sampling) {
        DataSymmetry s = DataSymmetry.parse(text);
        assertThat(s.name()).isEqualTo(canonical);
        assertThat(s.sampling()).isEqualTo(sampling);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        spin                | unknown symmetry 'spin'; valid: upright, uniform, c4, d4, normal(mean, sigma), range(lo, hi), mixture(p, inner)
        normal(45)          | symmetry 'normal(45)' needs two arguments, e.g. normal(45, 20) (mean and sigma in degrees)
        normal(45, -1)      | symmetry 'normal(45, -1)': sigma must be positive
        normal(a, 1)        | symmetry 'normal(a, 1)': 'a' is not a number; e.g. normal(45, 20) (mean and sigma in degrees)
        range(30, -30)      | symmetry 'range(30, -30)': need lo < hi
        mixture(1.5, c4)    | symmetry 'mixture(1.5, c4)': the fraction p must be in [0, 1]
        mixture(0.5, mixture(0.5, c4)) | symmetry 'mixture(0.5, mixture(0.5, c4))': mixtures do not nest
        c4@sometimes        | symmetry 'c4@sometimes': unknown sampling '@sometimes'; valid: @once, @batch, @image
        """)
    void badFormsSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> DataSymmetry.parse(text)).hasMessage(message);
    }

    private static double[] angles(String text) {
        SymmetryDistribution d = SymmetryDistribution.parse(text);
        SplittableRandom rng = new SplittableRandom(2023);
        double[] a = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            var t = d.sample(rng);
            a[i] = t.degrees() + (t.flip() ? 1000 : 0);
        }
        return a;
    }

    /** Pearson's chi-square statistic of observed counts against expected probabilities. */
    private static double chiSquare(int[] observed, double[] expected) {
        double chi = 0;
        for (int i = 0; i < observed.length; i++) {
            double e = expected[i] * DRAWS;
            chi += (observed[i] - e) * (observed[i] - e) / e;
        }
        return chi;
    }

    @Test
    void uniformAnglesFitUniformOnTheCircle() {
        int[] bins = new int[36];
        for (double a : angles("uniform")) {
            assertThat(a).isBetween(0.0, 360.0);
            bins[(int) (a / 10)]++;
        }
        double[] p = new double[36];
        Arrays.fill(p, 1.0 / 36);
        assertThat(chiSquare(bins, p)).isLessThan(66.6); // chi-square(35) at p = 0.001
    }

    @Test
    void rangeAnglesFitUniformOnTheInterval() {
        int[] bins = new int[12];
        for (double a : angles("range(-30,30)")) {
            assertThat(a).isBetween(-30.0, 30.0);
            bins[(int) ((a + 30) / 5)]++;
        }
        double[] p = new double[12];
        Arrays.fill(p, 1.0 / 12);
        assertThat(chiSquare(bins, p)).isLessThan(31.3); // chi-square(11) at p = 0.001
    }

    @Test
    void normalAnglesFitTheNormalDistribution() {
        double[] a = angles("normal(45,20)");
        Arrays.sort(a);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double cdf = 0.5 * (1 + erf((a[i] - 45) / (20 * Math.sqrt(2))));
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / a.length), Math.abs(cdf - (i + 1.0) / a.length)));
        }
        assertThat(d).isLessThan(1.95 / Math.sqrt(a.length)); // Kolmogorov–Smirnov at p = 0.001
        double mean = Arrays.stream(a).average().orElseThrow();
        assertThat(mean).isBetween(44.0, 46.0);
    }

    @Test
    void groupAndMixtureDrawsFitTheirElementFrequencies() {
        int[] d4 = new int[8];
        for (double a : angles("d4")) {
            d4[(a >= 1000 ? 4 : 0) + (int) Math.round((a % 1000) / 90)]++;
        }
        double[] eighth = new double[8];
        Arrays.fill(eighth, 1.0 / 8);
        assertThat(chiSquare(d4, eighth)).isLessThan(24.3); // chi-square(7) at p = 0.001

        int[] mix = new int[4];
        for (double a : angles("mixture(0.5,c4)")) {
            mix[(int) Math.round(a / 90)]++;
        }
        assertThat(chiSquare(mix, new double[] {0.5 + 0.5 / 4, 0.5 / 4, 0.5 / 4, 0.5 / 4})).isLessThan(16.3); // df 3
    }

    /** Abramowitz–Stegun 7.1.26, |error| < 1.5e-7. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}

package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float passes of the group batch norm against the double ones (which the gradient checks verify) and against
 * ND4J's own reductions, on activations with a large mean, a ReLU and dropout.
 */
class BatchNormPassTest {
    private static final int FIELDS = 3;
    private static final double[] SCALE = {1.5, -0.5, 2.0};
    private static final double[] SHIFT = {0.1, 0.2, -0.3};

    private static INDArray activations(long seed) {
        Nd4j.getRandom().setSeed(seed);
        // [B, F·|G|, h, w] with |G| = 4 and a per-channel offset of 50: shifted sums must not cancel the variance
        return Nd4j.randn(DataType.DOUBLE, 5, FIELDS * 4, 6, 7).addi(50);
    }

    @Test
    void floatMomentsMatchDoubleMomentsAndNd4j() {
        INDArray x = activations(1);
        double[] mean = new double[FIELDS];
        double[] var = new double[FIELDS];
        BatchNormPass.over(x, FIELDS).moments(mean, var);
        double[] floatMean = new double[FIELDS];
        double[] floatVar = new double[FIELDS];
        BatchNormPass.over(x.castTo(DataType.FLOAT), FIELDS).moments(floatMean, floatVar);
        INDArray perField = x.reshape('c', 5, FIELDS, x.length() / (5 * FIELDS));
        for (int f = 0; f < FIELDS; f++) {
            INDArray values = perField.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(f), org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertThat(mean[f]).isCloseTo(values.meanNumber().doubleValue(), within(1e-10));
            assertThat(var[f]).isCloseTo(values.varNumber().doubleValue() * (values.length() - 1) / values.length(),
                    within(1e-9));
            assertThat(floatMean[f]).isCloseTo(mean[f], within(1e-5));
            assertThat(floatVar[f]).isCloseTo(var[f], within(1e-4 * var[f]));
        }
    }

    @Test
    void floatNormalisationAndGradientMatchDouble() {
        INDArray x = activations(2).subi(50);
        INDArray epsilon = Nd4j.randn(DataType.DOUBLE, x.shape());
        INDArray out = x.ulike();
        BatchNormPass pass = BatchNormPass.over(x, FIELDS);
        pass.normalise(SCALE, SHIFT, true, 1, 0, out);
        double[] sumDy = new double[FIELDS];
        double[] sumDyX = new double[FIELDS];
        pass.gradientSums(epsilon, out, 1, sumDy, sumDyX);
        INDArray dx = x.ulike();
        pass.inputGradient(SCALE, SHIFT, SCALE, dx);

        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray outF = xf.ulike();
        BatchNormPass floatPass = BatchNormPass.over(xf, FIELDS);
        floatPass.normalise(SCALE, SHIFT, true, 1, 0, outF);
        double[] sumDyF = new double[FIELDS];
        double[] sumDyXF = new double[FIELDS];
        floatPass.gradientSums(epsilon.castTo(DataType.FLOAT), outF, 1, sumDyF, sumDyXF);
        INDArray dxF = xf.ulike();
        floatPass.inputGradient(SCALE, SHIFT, SCALE, dxF);

        assertThat(outF.castTo(DataType.DOUBLE).sub(out).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(outF.minNumber().doubleValue()).isEqualTo(0.0);
        assertThat(dxF.castTo(DataType.DOUBLE).sub(dx).amaxNumber().doubleValue()).isLessThan(1e-4);
        for (int f = 0; f < FIELDS; f++) {
            assertThat(sumDyF[f]).isCloseTo(sumDy[f], within(1e-3));
            assertThat(sumDyXF[f]).isCloseTo(sumDyX[f], within(1e-3));
        }
        // the ReLU gate: where the output is 0, ε does not reach dy, so Σdy is ε summed over positive outputs
        INDArray positive = out.gt(0).castTo(DataType.DOUBLE);
        INDArray gated = epsilon.mul(positive).reshape('c', 5, FIELDS, x.length() / (5 * FIELDS));
        for (int f = 0; f < FIELDS; f++) {
            double expected = gated.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(f), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .sumNumber().doubleValue();
            assertThat(sumDy[f]).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void dropoutKeepsTheRetainedShareScaledAndGatesTheGradient() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 64, FIELDS * 4, 14, 14);
        INDArray out = x.ulike();
        double retain = 0.7;
        BatchNormPass pass = BatchNormPass.over(x, FIELDS);
        pass.normalise(new double[] {1, 1, 1}, new double[] {0, 0, 0}, true, retain, 42, out);
        long n = out.length();
        double kept = out.neq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / n;
        // 150,528 Bernoulli(0.7) draws: standard error 0.0012
        assertThat(kept).isCloseTo(retain, within(0.006));
        assertThat(out.maxNumber().doubleValue()).isCloseTo(1 / retain, within(1e-6));
        assertThat(out.sumNumber().doubleValue() / n).isCloseTo(1.0, within(0.01));
        INDArray again = x.ulike();
        BatchNormPass.over(x, FIELDS).normalise(new double[] {1, 1, 1}, new double[] {0, 0, 0}, true, retain, 42, again);
        assertThat(again).isEqualTo(out);
        INDArray other = x.ulike();
        BatchNormPass.over(x, FIELDS).normalise(new double[] {1, 1, 1}, new double[] {0, 0, 0}, true, retain, 43, other);
        assertThat(other).isNotEqualTo(out);

        INDArray epsilon = Nd4j.ones(DataType.FLOAT, x.shape());
        double[] sumDy = new double[FIELDS];
        pass.gradientSums(epsilon, out, 1 / retain, sumDy, new double[FIELDS]);
        INDArray perField = out.neq(0).castTo(DataType.DOUBLE).reshape('c', 64, FIELDS, n / (64 * FIELDS));
        for (int f = 0; f < FIELDS; f++) {
            double keptInField = perField.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(f), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .sumNumber().doubleValue();
            assertThat(sumDy[f]).isCloseTo(keptInField / retain, within(1e-5 * keptInField));
        }
    }

    @Test
    void theFloatPassesComputeTheSameBitsOnOneThreadAndOnSeveral() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, FIELDS * 4, 28, 28);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, x.shape());
        int threads = Nd4j.getEnvironment().maxThreads();
        try {
            Object[] one = allPasses(x, epsilon, 1);
            Object[] several = allPasses(x, epsilon, 4);
            assertThat(several[0]).isEqualTo(one[0]);
            assertThat(several[1]).isEqualTo(one[1]);
            assertThat(several[2]).isEqualTo(one[2]);
            assertThat(several[3]).isEqualTo(one[3]);
        } finally {
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
    }

    /** Moments, dropped output, gradient sums and input gradient at a given ND4J thread count. */
    private static Object[] allPasses(INDArray x, INDArray epsilon, int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        double[] mean = new double[FIELDS];
        double[] var = new double[FIELDS];
        BatchNormPass pass = BatchNormPass.over(x, FIELDS);
        pass.moments(mean, var);
        INDArray out = x.ulike();
        pass.normalise(SCALE, SHIFT, true, 0.7, 11, out);
        double[] sumDy = new double[FIELDS];
        double[] sumDyX = new double[FIELDS];
        pass.gradientSums(epsilon, out, 1 / 0.7, sumDy, sumDyX);
        INDArray dx = x.ulike();
        pass.inputGradient(SCALE, SHIFT, SCALE, dx);
        return new Object[] {java.util.Arrays.toString(mean) + java.util.Arrays.toString(var), out,
            java.util.Arrays.toString(sumDy) + java.util.Arrays.toString(sumDyX), dx};
    }

    @Test
    void dropoutNeedsFloatActivationsAndTheFusedRelu() {
        INDArray x = activations(3);
        assertThatThrownBy(() -> BatchNormPass.over(x, FIELDS).normalise(SCALE, SHIFT, true, 0.5, 1, x.ulike()))
                .hasMessageContaining("float activations only");
        assertThatThrownBy(() -> new GroupBatchNorm.Builder(io.equisweep.workers.symmetry.Group.C4).dropout(0.3).build())
                .hasMessageContaining("needs the fused ReLU");
        assertThatThrownBy(() -> BatchNormPass.over(x.castTo(DataType.INT), FIELDS))
                .hasMessageContaining("float or double");
    }
}

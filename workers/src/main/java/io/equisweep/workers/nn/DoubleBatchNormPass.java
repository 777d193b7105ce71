package io.equisweep.workers.nn;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchNormPass} over double activations, as plain loops: what the double-precision gradient checks run,
 * and the reference for {@link FloatBatchNormPass}. No dropout (gradient checks need a deterministic net).
 */
final class DoubleBatchNormPass implements BatchNormPass {
    private final Layout layout;
    private final DoubleBuffer x;
    private double[] dy;

    DoubleBatchNormPass(INDArray input, Layout layout) {
        this.layout = layout;
        this.x = buffer(input);
    }

    private static DoubleBuffer buffer(INDArray a) {
        BatchNormPass.requireContiguous(a, DataType.DOUBLE);
        return a.data().asNioDouble().position((int) a.offset()).slice();
    }

    private static void flush(double[] values, INDArray target) {
        BatchNormPass.requireContiguous(target, DataType.DOUBLE);
        target.data().asNioDouble().put((int) target.offset(), values, 0, values.length);
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public void moments(double[] mean, double[] var) {
        Layout l = layout;
        for (int f = 0; f < l.fields(); f++) {
            double shift = x.get(l.start(0, f));
            double sum = 0;
            double sumSq = 0;
            for (int b = 0; b < l.batch(); b++) {
                for (int i = l.start(b, f), end = i + l.n(); i < end; i++) {
                    double d = x.get(i) - shift;
                    sum += d;
                    sumSq += d * d;
                }
            }
            double count = l.count();
            double m = sum / count;
            mean[f] = shift + m;
            var[f] = Math.max(0, sumSq / count - m * m);
        }
    }

    @Override
    public void normalise(double[] scale, double[] shift, boolean relu, double retain, long seed, INDArray out) {
        if (retain < 1) {
            throw new UnsupportedOperationException("GroupBatchNorm: dropout runs on float activations only");
        }
        Layout l = layout;
        double[] o = new double[l.length()];
        for (int b = 0; b < l.batch(); b++) {
            for (int f = 0; f < l.fields(); f++) {
                for (int i = l.start(b, f), end = i + l.n(); i < end; i++) {
                    double y = x.get(i) * scale[f] + shift[f];
                    o[i] = relu && y < 0 ? 0 : y;
                }
            }
        }
        flush(o, out);
    }

    @Override
    public void gradientSums(INDArray epsilon, INDArray out, double keep, double[] sumDy, double[] sumDyX) {
        Layout l = layout;
        DoubleBuffer e = buffer(epsilon);
        DoubleBuffer y = out == null ? null : buffer(out);
        dy = new double[l.length()];
        for (int b = 0; b < l.batch(); b++) {
            for (int f = 0; f < l.fields(); f++) {
                for (int i = l.start(b, f), end = i + l.n(); i < end; i++) {
                    dy[i] = y == null ? e.get(i) : y.get(i) != 0 ? e.get(i) * keep : 0;
                    sumDy[f] += dy[i];
                    sumDyX[f] += dy[i] * x.get(i);
                }
            }
        }
    }

    @Override
    public void inputGradient(double[] k1, double[] k2, double[] k3, INDArray dx) {
        if (dy == null) {
            throw new IllegalStateException("GroupBatchNorm: inputGradient before gradientSums");
        }
        Layout l = layout;
        double[] o = new double[l.length()];
        for (int b = 0; b < l.batch(); b++) {
            for (int f = 0; f < l.fields(); f++) {
                for (int i = l.start(b, f), end = i + l.n(); i < end; i++) {
                    o[i] = k1[f] * dy[i] + k2[f] * x.get(i) + k3[f];
                }
            }
        }
        flush(o, dx);
    }
}

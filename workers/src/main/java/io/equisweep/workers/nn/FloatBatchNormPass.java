package io.equisweep.workers.nn;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BatchNormPass} over float activations, on heap copies in per-thread scratch arrays: float arithmetic
 * within a row with four accumulators (the JIT does not vectorise float sums, so independent chains are what
 * hides the adds' latency), double across rows, and no data-dependent branch: the ReLU's and dropout's gates
 * are bit masks (a branch mispredicts on a third to a half of the values; measured 8.4 ms against 1.4 ms over
 * 2M values).
 *
 * <p>With more than one ND4J thread the examples are split over the common fork-join pool. The results do not
 * depend on the thread count: sums are kept per (example, field) row and added up in example order, and each
 * example draws its dropout mask from its own generator, split in example order from one seeded root.
 */
final class FloatBatchNormPass implements BatchNormPass {
    private static final int X = 0;
    private static final int EPS = 1;
    private static final int OUT = 2;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);
    /** Below this many values a pass runs on the calling thread alone. */
    private static final int PARALLEL_MINIMUM = 1 << 16;

    private final Layout layout;
    private final float[] x;
    private float[] dy;

    FloatBatchNormPass(INDArray input, Layout layout) {
        this.layout = layout;
        this.x = copy(input, X);
    }

    @Override
    public Layout layout() {
        return layout;
    }

    private static float[] scratch(int slot, int length) {
        float[][] slots = SCRATCH.get();
        if (slots[slot].length < length) {
            slots[slot] = new float[length];
        }
        return slots[slot];
    }

    private static float[] copy(INDArray a, int slot) {
        BatchNormPass.requireContiguous(a, DataType.FLOAT);
        float[] copy = scratch(slot, (int) a.length());
        a.data().asNioFloat().get((int) a.offset(), copy, 0, (int) a.length());
        return copy;
    }

    private void flush(float[] values, INDArray target) {
        BatchNormPass.requireContiguous(target, DataType.FLOAT);
        target.data().asNioFloat().put((int) target.offset(), values, 0, layout.length());
    }

    /** Runs {@code body} for every example, split over threads where ND4J has more than one and the pass is large. */
    private void forEachExample(IntConsumer body) {
        if (Nd4j.getEnvironment().maxThreads() > 1 && layout.length() >= PARALLEL_MINIMUM && layout.batch() > 1) {
            IntStream.range(0, layout.batch()).parallel().forEach(body);
        } else {
            for (int b = 0; b < layout.batch(); b++) {
                body.accept(b);
            }
        }
    }

    @Override
    public void moments(double[] mean, double[] var) {
        Layout l = layout;
        int fields = l.fields();
        float[] shift = new float[fields];
        for (int f = 0; f < fields; f++) {
            shift[f] = x[l.start(0, f)];
        }
        double[] rowSum = new double[l.batch() * fields];
        double[] rowSumSq = new double[l.batch() * fields];
        forEachExample(b -> {
            for (int f = 0; f < fields; f++) {
                int i = l.start(b, f);
                int end = i + l.n();
                float c = shift[f];
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
                for (; i + 3 < end; i += 4) {
                    float d0 = x[i] - c, d1 = x[i + 1] - c, d2 = x[i + 2] - c, d3 = x[i + 3] - c;
                    s0 += d0;
                    s1 += d1;
                    s2 += d2;
                    s3 += d3;
                    q0 += d0 * d0;
                    q1 += d1 * d1;
                    q2 += d2 * d2;
                    q3 += d3 * d3;
                }
                for (; i < end; i++) {
                    float d = x[i] - c;
                    s0 += d;
                    q0 += d * d;
                }
                rowSum[b * fields + f] = (s0 + s1) + (s2 + s3);
                rowSumSq[b * fields + f] = (q0 + q1) + (q2 + q3);
            }
        });
        double count = l.count();
        for (int f = 0; f < fields; f++) {
            double sum = 0;
            double sumSq = 0;
            for (int b = 0; b < l.batch(); b++) {
                sum += rowSum[b * fields + f];
                sumSq += rowSumSq[b * fields + f];
            }
            double m = sum / count;
            mean[f] = shift[f] + m;
            var[f] = Math.max(0, sumSq / count - m * m);
        }
    }

    @Override
    public void normalise(double[] scale, double[] shift, boolean relu, double retain, long seed, INDArray out) {
        Layout l = layout;
        float[] o = scratch(OUT, l.length());
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        SplittableRandom[] random = retain < 1 ? generators(seed, l.batch()) : null;
        long threshold = (long) Math.ceil(retain * 0x1p32);
        float keep = (float) (1 / retain);
        forEachExample(b -> {
            for (int f = 0; f < l.fields(); f++) {
                float c = (float) scale[f];
                float s = (float) shift[f];
                for (int i = l.start(b, f), end = i + l.n(); i < end; i++) {
                    o[i] = Math.max(x[i] * c + s, floor);
                }
            }
            if (random != null) {
                drop(o, l.start(b, 0), l.start(b, 0) + l.fields() * l.n(), random[b], threshold, keep);
            }
        });
        flush(o, out);
    }

    /** One generator per example, split in example order from a root seeded with {@code seed}. */
    private static SplittableRandom[] generators(long seed, int batch) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] perExample = new SplittableRandom[batch];
        for (int b = 0; b < batch; b++) {
            perExample[b] = root.split();
        }
        return perExample;
    }

    /** Keeps each value of [from, to) with probability threshold / 2³² (a 32-bit draw each), scaled by keep. */
    private static void drop(float[] o, int from, int to, SplittableRandom random, long threshold, float keep) {
        int i = from;
        for (; i + 1 < to; i += 2) {
            long bits = random.nextLong();
            o[i] = masked(o[i] * keep, keepMask(bits >>> 32, threshold));
            o[i + 1] = masked(o[i + 1] * keep, keepMask(bits & 0xFFFFFFFFL, threshold));
        }
        if (i < to) {
            o[i] = masked(o[i] * keep, keepMask(random.nextLong() >>> 32, threshold));
        }
    }

    /** All ones where the 32-bit draw falls below the threshold, else zero. */
    private static int keepMask(long draw, long threshold) {
        return (int) ((draw - threshold) >> 63);
    }

    /** All ones where {@code value} (≥ 0) is non-zero, else zero. */
    private static int nonZeroMask(float value) {
        int bits = Float.floatToRawIntBits(value);
        return (bits | -bits) >> 31;
    }

    /** {@code value} where the mask is all ones, +0 where it is zero: a select without a branch. */
    private static float masked(float value, int mask) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) & mask);
    }

    @Override
    public void gradientSums(INDArray epsilon, INDArray out, double keep, double[] sumDy, double[] sumDyX) {
        Layout l = layout;
        int fields = l.fields();
        float[] d = copy(epsilon, EPS);
        float[] y = out == null ? null : copy(out, OUT);
        float k = (float) keep;
        double[] rowSum = new double[l.batch() * fields];
        double[] rowSumX = new double[l.batch() * fields];
        forEachExample(b -> {
            for (int f = 0; f < fields; f++) {
                int i = l.start(b, f);
                int end = i + l.n();
                if (y != null) {
                    for (int j = i; j < end; j++) {
                        d[j] = masked(d[j] * k, nonZeroMask(y[j]));
                    }
                }
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
                for (; i + 3 < end; i += 4) {
                    s0 += d[i];
                    s1 += d[i + 1];
                    s2 += d[i + 2];
                    s3 += d[i + 3];
                    q0 += d[i] * x[i];
                    q1 += d[i + 1] * x[i + 1];
                    q2 += d[i + 2] * x[i + 2];
                    q3 += d[i + 3] * x[i + 3];
                }
                for (; i < end; i++) {
                    s0 += d[i];
                    q0 += d[i] * x[i];
                }
                rowSum[b * fields + f] = (s0 + s1) + (s2 + s3);
                rowSumX[b * fields + f] = (q0 + q1) + (q2 + q3);
            }
        });
        for (int b = 0; b < l.batch(); b++) {
            for (int f = 0; f < fields; f++) {
                sumDy[f] += rowSum[b * fields + f];
                sumDyX[f] += rowSumX[b * fields + f];
            }
        }
        dy = d;
    }

    @Override
    public void inputGradient(double[] k1, double[] k2, double[] k3, INDArray dx) {
        if (dy == null) {
            throw new IllegalStateException("GroupBatchNorm: inputGradient before gradientSums");
        }
        Layout l = layout;
        float[] d = dy;
        float[] o = scratch(OUT, l.length());
        forEachExample(b -> {
            for (int f = 0; f < l.fields(); f++) {
                float a1 = (float) k1[f];
                float a2 = (float) k2[f];
                float a3 = (float) k3[f];
                for (int i = l.start(b, f), end = i + l.n(); i < end; i++) {
                    o[i] = a1 * d[i] + a2 * x[i] + a3;
                }
            }
        });
        flush(o, dx);
    }
}

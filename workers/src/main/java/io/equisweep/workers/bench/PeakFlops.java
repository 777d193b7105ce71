package io.equisweep.workers.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This machine's practical single-precision peak at the process's thread count: the median rate of a large square
 * GEMM through ND4J (OpenBLAS), the operation a convolution's im2col or oneDNN kernel approaches at best.
 */
public final class PeakFlops {
    static final int SIZE = 1536;

    private PeakFlops() {
    }

    /** GFLOP/s: median of {@code runs} products of two {@link #SIZE}² matrices, after one warm-up. */
    public static double measure(int runs) {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double flops = 2.0 * SIZE * SIZE * SIZE;
        return NetBenchmark.time(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 1, runs, 1).median() * flops / 1e9;
    }
}

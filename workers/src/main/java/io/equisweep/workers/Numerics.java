package io.equisweep.workers;

/**
 * The version of what a trained cell computes. Bump {@link #VERSION} by hand, here and only here, with every
 * change that alters a cell's numbers: layer arithmetic, initialisation, the data pipeline, the optimiser,
 * metric definitions. Results of different versions are not averaged silently: {@code status}, {@code summary},
 * {@code compare}, {@code report} and the notes say when a setting mixes them, and {@code run --rerun-stale}
 * recomputes cells of older versions. {@code NumericsPinTest} fails when a tiny cell's metrics move, so that
 * such a change cannot land without this number moving too.
 *
 * <ol>
 *   <li>(no column) everything before numerics versions were recorded.</li>
 *   <li>The first recorded version: explicit-backprop group convolutions through oneDNN, batch norm with fused
 *       ReLU as row broadcasts, Bernoulli-mask inverted dropout (2026-12).</li>
 *   <li>The CIFAR ResNet-44s ({@code resnet44-z2}, {@code -p4}, {@code -p4m}, {@code -p4-cosetpool},
 *       {@code -p4m-cosetpool}, {@code -p4-gc}, {@code -p4m-gc}) built as the official code builds them: the
 *       projection shortcut (1×1 stride-2 conv + BN) reads the block's raw input, not its pre-activation, and the
 *       {@code -cosetpool} heads take the max over the group at every pixel, then average-pool (before: average,
 *       then max). Same names, same parameter counts, different numbers. The MNIST nets, ResNet-18s and PCam
 *       ResNet-44s compute what they did under version 2, but their version-2 cells count as stale too.</li>
 *   <li>Batch norm, ReLU and dropout as one layer of Java passes (issue 19): dropout masks drawn by a
 *       {@code SplittableRandom} seeded from ND4J's generator, not libnd4j's Bernoulli op (other masks, same
 *       distribution); batch statistics and backward sums accumulated in float within each (example, field) row
 *       and in double across rows, not by libnd4j's reductions (last-bit differences, which training amplifies
 *       wherever a value crosses a ReLU's kink); the first layer's weight gradient by im2col and a batched GEMM, its
 *       unused input gradient no longer computed. Every network's cells move.</li>
 * </ol>
 */
public final class Numerics {
    public static final int VERSION = 4;

    private Numerics() {
    }
}

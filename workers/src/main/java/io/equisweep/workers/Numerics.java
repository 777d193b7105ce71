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
 * </ol>
 */
public final class Numerics {
    public static final int VERSION = 2;

    private Numerics() {
    }
}

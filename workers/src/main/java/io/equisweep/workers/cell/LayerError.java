package io.equisweep.workers.cell;

/**
 * The equivariance error of one probed layer under one group element.
 *
 * @param stage    {@code init} (before training) or {@code trained}
 * @param depth    0-based position of the probe, from the input
 * @param element  the group element, e.g. {@code r}, {@code r2}, {@code rf}
 * @param l1       the paper's error: mean |g·f(x) − f(g·x)|
 * @param relative {@code l1 / mean |f(x)|}
 */
public record LayerError(String stage, int depth, String layer, String element, double l1, double relative) {
    public static final String INIT = "init";
    public static final String TRAINED = "trained";
}

package io.equisweep.workers.cell;

/**
 * The equivariance error of one probed layer under one group element, at one point of training.
 *
 * @param stage    {@code init} (before training, epoch 0), {@code training} (after an epoch before the last) or
 *                 {@code trained} (after the last epoch)
 * @param epoch    the epochs trained when measured: 0 at initialisation
 * @param depth    0-based position of the probe, from the input
 * @param element  the group element, e.g. {@code r}, {@code r2}, {@code rf}
 * @param l1       the paper's error: mean |g·f(x) − f(g·x)|
 * @param relative {@code l1 / mean |f(x)|}
 */
public record LayerError(String stage, int epoch, int depth, String layer, String element, double l1, double relative) {
    public static final String INIT = "init";
    public static final String TRAINING = "training";
    public static final String TRAINED = "trained";

    /** The stage of a measurement after {@code epoch} of {@code epochs} epochs. */
    public static String stageAfter(int epoch, int epochs) {
        return epoch == 0 ? INIT : epoch < epochs ? TRAINING : TRAINED;
    }
}

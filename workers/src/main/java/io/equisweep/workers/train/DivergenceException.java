package io.equisweep.workers.train;

/** Training produced a non-finite loss. */
public final class DivergenceException extends RuntimeException {
    private final int epoch;
    private final int batch;

    public DivergenceException(int epoch, int batch, double loss) {
        super("training diverged: loss " + loss + " at epoch " + epoch + ", batch " + batch);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The 1-based epoch in which the loss became non-finite. */
    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }
}

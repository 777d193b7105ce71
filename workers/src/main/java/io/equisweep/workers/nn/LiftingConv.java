package io.equisweep.workers.nn;

/**
 * Lifts an ordinary image (Z2) to a function on the group: output field c at element g is the input
 * correlated with filter c transformed by g. Input channels are plain; output channels {@code c·|G| + g}.
 */
public final class LiftingConv extends GroupConvolution {

    private LiftingConv() {
    }

    private LiftingConv(Builder b) {
        super(b);
    }

    @Override
    public int inputOrder() {
        return 1;
    }

    public static final class Builder extends GroupConvolution.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LiftingConv build() {
            return new LiftingConv(this);
        }
    }
}

package io.equisweep.workers.nn;

/**
 * Group convolution G → G: input and output channels are {@code c·|G| + g}; output field c at element g
 * correlates the input with filter c transformed by g (spatially, and on the input's group axis).
 */
public final class GroupConv extends GroupConvolution {

    private GroupConv() {
    }

    private GroupConv(Builder b) {
        super(b);
    }

    @Override
    public int inputOrder() {
        return group.order();
    }

    public static final class Builder extends GroupConvolution.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public GroupConv build() {
            return new GroupConv(this);
        }
    }
}

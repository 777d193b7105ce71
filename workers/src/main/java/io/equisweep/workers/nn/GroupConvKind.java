package io.equisweep.workers.nn;

/**
 * Which layer a network uses for its G → G convolutions: a full {@link GroupConv}, or the group and channel
 * separable {@link SeparableGroupConv} of the paper's "gc" networks. A builder from {@link #builder()} takes the
 * same settings either way, so an architecture switches with one argument.
 */
public enum GroupConvKind {
    FULL {
        @Override
        public GroupConvolution.Builder<?> builder() {
            return new GroupConv.Builder();
        }
    },
    SEPARABLE {
        @Override
        public GroupConvolution.Builder<?> builder() {
            return new SeparableGroupConv.Builder();
        }
    };

    /** A new builder of this kind's layer. */
    public abstract GroupConvolution.Builder<?> builder();
}

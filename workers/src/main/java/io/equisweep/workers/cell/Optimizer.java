package io.equisweep.workers.cell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optimisers a cell can train with. */
public enum Optimizer {
    /** Adam with the default betas (0.9, 0.999) and epsilon 1e-8, as in the paper. */
    ADAM,
    /** Stochastic gradient descent; with {@code momentum > 0}, Nesterov or (not {@code nesterov}) classical momentum. */
    SGD;

    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optimizer fromSpecName(String name) {
        for (Optimizer o : values()) {
            if (o.specName().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; valid: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Optimizer::specName).collect(Collectors.joining(", "));
    }
}

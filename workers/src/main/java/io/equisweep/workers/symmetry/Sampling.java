package io.equisweep.workers.symmetry;

import java.util.Locale;

/** When a {@link SymmetryDistribution} is drawn from during training. */
public enum Sampling {
    /** Each training image is transformed once, before training, and keeps that transform. */
    ONCE,
    /** One draw per minibatch, applied to all its images; fresh every epoch. */
    BATCH,
    /** A fresh draw for every image every time it is seen (augmentation). */
    IMAGE;

    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.equisweep.workers.data;

import java.lang.ref.WeakReference;

/**
 * What determines a cell's test images before any evaluation transform: the dataset's test split as this JVM
 * holds it (the instance a broadcast or an executor's cache hands to every cell, compared by identity), the input
 * size and the preprocessing. Cells of one dataset, size and preprocessing share a key whatever their symmetry,
 * seed or training. The split is held weakly: a key never keeps a dataset alive, and a key whose split was
 * collected equals only itself.
 */
public final class TestSetKey {
    private final WeakReference<Images> split;
    private final int identity;
    private final int inputSize;
    private final Preprocessing preprocessing;

    private TestSetKey(Images split, int inputSize, Preprocessing preprocessing) {
        this.split = new WeakReference<>(split);
        this.identity = System.identityHashCode(split);
        this.inputSize = inputSize;
        this.preprocessing = preprocessing;
    }

    /** The key of {@code split} (at its native size) resized to {@code inputSize} after {@code preprocessing}. */
    public static TestSetKey of(Images split, int inputSize, Preprocessing preprocessing) {
        return new TestSetKey(split, inputSize, preprocessing);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TestSetKey k) || inputSize != k.inputSize || !preprocessing.equals(k.preprocessing)) {
            return false;
        }
        Images mine = split.get();
        return mine != null && mine == k.split.get();
    }

    @Override
    public int hashCode() {
        return (identity * 31 + inputSize) * 31 + preprocessing.hashCode();
    }

    @Override
    public String toString() {
        return "test split @" + Integer.toHexString(identity) + " at " + inputSize + "×" + inputSize
                + (preprocessing.none() ? "" : " after " + preprocessing);
    }
}

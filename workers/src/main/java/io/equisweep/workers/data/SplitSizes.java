package io.equisweep.workers.data;

/** How many images each split of a dataset holds. */
public record SplitSizes(int train, int validation, int test) {
}

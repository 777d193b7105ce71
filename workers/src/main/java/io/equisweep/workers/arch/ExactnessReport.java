package io.equisweep.workers.arch;

import java.util.List;

/**
 * The analysis of one architecture at one input size.
 *
 * @param valid         every layer's kernel fits its input
 * @param exact         valid, and every subsampling layer satisfies (n + 2p − k) mod s = 0
 * @param breakingLayer the first layer that breaks exactness (or does not fit), {@code ""} if none
 * @param problem       why the size is invalid, {@code ""} if valid
 * @param sizes         the spatial size each layer sees, in order, as far as the analysis got
 */
public record ExactnessReport(String architecture, int inputSize, boolean valid, boolean exact,
                              String breakingLayer, String problem, List<Integer> sizes) {
    public ExactnessReport {
        sizes = List.copyOf(sizes);
    }
}

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

    /**
     * Whether the output of {@code layer} is still exactly equivariant: true unless the breaking layer
     * is {@code layer} or comes before it in {@code layers} (the list the report was made from).
     */
    public boolean exactThrough(List<LayerGeometry> layers, String layer) {
        if (breakingLayer.isEmpty()) {
            return valid;
        }
        int breakAt = -1;
        int at = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(breakingLayer)) {
                breakAt = i;
            }
            if (layers.get(i).name().equals(layer)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no layer '" + layer + "' in " + architecture);
        }
        return at < breakAt;
    }
}

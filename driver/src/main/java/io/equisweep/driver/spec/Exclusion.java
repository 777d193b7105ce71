package io.equisweep.driver.spec;

import java.util.List;

/**
 * One entry of a spec's {@code exclude} list: the grid combinations it names are not cells. An empty
 * list matches any value of that axis, so {@code {architecture: z2cnn, inputSize: [27, 29]}} removes
 * the z2cnn cells at 27 and 29 of every symmetry and seed (the paper's grid: p4cnn at 27/28/29,
 * z2cnn only at 28).
 */
public record Exclusion(List<String> architectures, List<Integer> inputSizes, List<String> symmetries, List<Long> seeds) {
    public Exclusion {
        architectures = List.copyOf(architectures);
        inputSizes = List.copyOf(inputSizes);
        symmetries = List.copyOf(symmetries);
        seeds = List.copyOf(seeds);
    }

    public boolean matches(String architecture, int inputSize, String symmetry, long seed) {
        return (architectures.isEmpty() || architectures.contains(architecture))
                && (inputSizes.isEmpty() || inputSizes.contains(inputSize))
                && (symmetries.isEmpty() || symmetries.contains(symmetry))
                && (seeds.isEmpty() || seeds.contains(seed));
    }
}

package io.equisweep.driver.spec;

import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.TrainingSpec;
import java.util.List;
import java.util.Map;

/**
 * A validated sweep: the grid axes and the settings every cell shares.
 *
 * @param trainingAxes training fields swept over, by field name, in {@link TrainingField} order; each
 *                     value replaces that field of {@code training}
 */
public record SweepSpec(
        String name,
        DatasetSpec dataset,
        List<String> architectures,
        List<Integer> inputSizes,
        List<String> symmetries,
        List<Long> seeds,
        Map<TrainingField, List<Object>> trainingAxes,
        TrainingSpec training,
        EvaluationSpec evaluation,
        String output,
        int maxCells,
        List<Exclusion> exclusions) {

    public SweepSpec {
        architectures = List.copyOf(architectures);
        inputSizes = List.copyOf(inputSizes);
        symmetries = List.copyOf(symmetries);
        seeds = List.copyOf(seeds);
        exclusions = List.copyOf(exclusions);
        trainingAxes = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(trainingAxes.isEmpty()
                ? new java.util.EnumMap<TrainingField, List<Object>>(TrainingField.class) : trainingAxes));
    }

    /** The number of cells the grid expands to, before exclusions. */
    public long cellCount() {
        long n = (long) architectures.size() * inputSizes.size() * symmetries.size() * seeds.size();
        for (List<Object> values : trainingAxes.values()) {
            n *= values.size();
        }
        return n;
    }

    /** Whether an {@code exclude} entry removes this combination from the grid. */
    public boolean excluded(String architecture, int inputSize, String symmetry, long seed) {
        return exclusions.stream().anyMatch(e -> e.matches(architecture, inputSize, symmetry, seed));
    }
}

package io.equisweep.driver.spec;

import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.TrainingSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated sweep: the grid axes and the settings every cell shares.
 *
 * @param axes     the values of every grid axis, in {@link CellFields#ALL} order; the four grid-only fields
 *                 (architecture, input size, symmetry, seed) are always present, a training field only when
 *                 swept, each of its values replacing that field of {@code training}
 * @param training the training settings of every cell before the axes are applied
 */
public record SweepSpec(
        String name,
        DatasetSpec dataset,
        Map<CellField<?>, List<Object>> axes,
        TrainingSpec training,
        EvaluationSpec evaluation,
        String output,
        int maxCells,
        List<Exclusion> exclusions) {

    public SweepSpec {
        Map<CellField<?>, List<Object>> ordered = new LinkedHashMap<>();
        for (CellField<?> field : CellFields.ALL) {
            if (axes.containsKey(field)) {
                ordered.put(field, List.copyOf(axes.get(field)));
            }
        }
        axes = Collections.unmodifiableMap(ordered);
        exclusions = List.copyOf(exclusions);
    }

    /** The values of one axis ({@code [default]} for an unswept field with a default). */
    @SuppressWarnings("unchecked")
    public <T> List<T> values(CellField<T> field) {
        List<Object> values = axes.get(field);
        if (values != null) {
            return (List<T>) values;
        }
        return List.of(field.get(base()));
    }

    public List<String> architectures() {
        return values(CellFields.ARCHITECTURE);
    }

    public List<Integer> inputSizes() {
        return values(CellFields.INPUT_SIZE);
    }

    public List<String> symmetries() {
        return values(CellFields.SYMMETRY);
    }

    public List<Long> seeds() {
        return values(CellFields.SEED);
    }

    /** The swept training fields with their values. */
    public Map<CellField<?>, List<Object>> trainingAxes() {
        Map<CellField<?>, List<Object>> out = new LinkedHashMap<>(axes);
        out.keySet().removeIf(f -> f.section() != CellField.Section.TRAINING);
        return out;
    }

    /** The number of cells the grid expands to, before exclusions. */
    public long cellCount() {
        long n = 1;
        for (List<Object> values : axes.values()) {
            n *= values.size();
        }
        return n;
    }

    /** Whether an {@code exclude} entry removes this cell from the grid. */
    public boolean excluded(CellSpec cell) {
        return exclusions.stream().anyMatch(e -> e.matches(cell));
    }

    /**
     * The cell every grid cell starts from before its axis values are applied: this sweep's dataset, training
     * and evaluation, with placeholder grid-only fields that every grid overrides.
     */
    CellSpec base() {
        return new CellSpec("", "", 1, CellFields.SYMMETRY.defaultValue(), CellFields.SEED.defaultValue(), dataset,
                training, evaluation);
    }
}

package io.equisweep.driver.spec;

import io.equisweep.driver.data.DatasetLocalizer;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.arch.ExactnessAnalysis;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.DatasetSource;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.SplitSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands a sweep into its cells in a fixed order: architecture, input size, symmetry, seed, then the
 * training axes in {@link TrainingField} order, the last axis varying fastest.
 */
public final class GridExpander {
    private GridExpander() {
    }

    public static List<PlannedCell> expand(SweepSpec spec) {
        DatasetSource source = Datasets.get(spec.dataset().name());
        DatasetSpec local = DatasetLocalizer.localize(spec.dataset(), new org.apache.hadoop.conf.Configuration());
        String datasetIdentity = source.identity(local);
        SplitSizes sizes = source.splitSizes(local);
        List<TrainingSpec> trainings = trainingCombinations(spec);
        List<PlannedCell> cells = new ArrayList<>();
        for (String architecture : spec.architectures()) {
            for (int inputSize : spec.inputSizes()) {
                var exactness = ExactnessAnalysis.analyse(Architectures.get(architecture), inputSize);
                for (String symmetry : spec.symmetries()) {
                    for (long seed : spec.seeds()) {
                        if (spec.excluded(architecture, inputSize, symmetry, seed)) {
                            continue;
                        }
                        for (TrainingSpec training : trainings) {
                            CellSpec draft = new CellSpec("pending", architecture, inputSize, symmetry, seed,
                                    spec.dataset(), training, spec.evaluation());
                            String config = CellId.canonicalConfig(draft, datasetIdentity);
                            CellSpec cell = new CellSpec(CellId.hash(config), architecture, inputSize, symmetry,
                                    seed, spec.dataset(), training, spec.evaluation());
                            cells.add(new PlannedCell(cell, config, datasetIdentity, exactness, CostModel.estimateSeconds(cell, sizes)));
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static List<TrainingSpec> trainingCombinations(SweepSpec spec) {
        List<TrainingSpec> combos = List.of(spec.training());
        for (Map.Entry<TrainingField, List<Object>> axis : spec.trainingAxes().entrySet()) {
            List<TrainingSpec> next = new ArrayList<>();
            for (TrainingSpec base : combos) {
                for (Object value : axis.getValue()) {
                    next.add(axis.getKey().apply(base, value));
                }
            }
            combos = next;
        }
        return combos;
    }
}

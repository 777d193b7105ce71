package io.equisweep.driver.spec;

import io.equisweep.driver.data.DatasetLocalizer;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.arch.ExactnessAnalysis;
import io.equisweep.workers.arch.ExactnessReport;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.DatasetSource;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.SplitSizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Expands a sweep into its cells in a fixed order: the axes in {@link CellFields#ALL} order (architecture,
 * input size, symmetry, seed, then the training axes), the last varying fastest. A field that does not apply
 * to a cell (the averaging frequency of a single-task cell) keeps the sweep's base value there, so that
 * combinations differing only in it are one cell.
 */
public final class GridExpander {
    private GridExpander() {
    }

    public static List<PlannedCell> expand(SweepSpec spec) {
        DatasetSource source = Datasets.get(spec.dataset().name());
        DatasetSpec local = DatasetLocalizer.localize(spec.dataset(), new org.apache.hadoop.conf.Configuration());
        String datasetIdentity = source.identity(local);
        SplitSizes sizes = source.splitSizes(local);
        Map<String, ExactnessReport> exactness = new HashMap<>();
        Map<String, CellSpec> byId = new HashMap<>();
        List<PlannedCell> cells = new ArrayList<>();
        for (CellSpec draft : cells(spec)) {
            String config = CellId.canonicalConfig(draft, datasetIdentity);
            String id = CellId.hash(config);
            CellSpec earlier = byId.putIfAbsent(id, draft);
            if (earlier != null) {
                throw new IllegalStateException("cells " + earlier + " and " + draft + " have the same id " + id
                        + ": a field that changes the cell is missing from the canonical config");
            }
            CellSpec cell = RecordPaths.with(draft, "id", id);
            ExactnessReport report = exactness.computeIfAbsent(cell.architecture() + "@" + cell.inputSize(),
                    k -> ExactnessAnalysis.analyse(Architectures.get(cell.architecture()), cell.inputSize()));
            cells.add(new PlannedCell(cell, config, datasetIdentity, report, CostModel.estimateSeconds(cell, sizes)));
        }
        return cells;
    }

    /** The distinct cells of the grid, without ids, in expansion order, exclusions removed. */
    static List<CellSpec> cells(SweepSpec spec) {
        CellSpec base = spec.base();
        LinkedHashSet<CellSpec> distinct = new LinkedHashSet<>();
        for (CellSpec combination : combinations(spec)) {
            if (spec.excluded(combination)) {
                continue;
            }
            CellSpec cell = combination;
            for (CellField<?> field : spec.axes().keySet()) {
                if (!field.appliesTo(cell)) {
                    cell = field.with(cell, field.get(base));
                }
            }
            distinct.add(cell);
        }
        return List.copyOf(distinct);
    }

    /** Every combination of axis values, exclusions and applicability not yet considered. */
    static List<CellSpec> combinations(SweepSpec spec) {
        List<CellSpec> combos = List.of(spec.base());
        for (Map.Entry<CellField<?>, List<Object>> axis : spec.axes().entrySet()) {
            List<CellSpec> next = new ArrayList<>(combos.size() * axis.getValue().size());
            for (CellSpec cell : combos) {
                for (Object value : axis.getValue()) {
                    next.add(axis.getKey().with(cell, value));
                }
            }
            combos = next;
        }
        return combos;
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.store.ResultStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a run of a sweep will do, decided from the spec and the store alone: every cell of the grid, how many
 * are already done, and the cells to run under the rerun policy, longest first (so a sweep does not end on
 * one long straggler).
 */
public record SweepPlan(List<PlannedCell> cells, long alreadyOk, List<PlannedCell> pending) {

    public static SweepPlan of(SweepSpec spec, ResultStore store, RerunPolicy policy) {
        List<PlannedCell> cells = GridExpander.expand(spec);
        Map<String, CellState> states = store.latestStates().getOrDefault(spec.name(), Map.of());
        long done = cells.stream().filter(c -> state(states, c).done()).count();
        List<PlannedCell> pending = cells.stream().filter(c -> policy.runs(state(states, c)))
                .sorted(Comparator.comparingDouble(PlannedCell::estimatedSeconds).reversed()).toList();
        return new SweepPlan(cells, done, pending);
    }

    private static CellState state(Map<String, CellState> states, PlannedCell cell) {
        return states.getOrDefault(cell.spec().id(), CellState.PENDING);
    }
}

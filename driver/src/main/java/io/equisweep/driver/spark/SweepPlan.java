package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SweepSpec;
import io.equisweep.driver.store.ResultStore;
import io.equisweep.driver.store.StoredCells;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run of a sweep will do, decided from the spec and the store alone: every cell of the grid, how many
 * are already done, the cells to run under the rerun policy, longest first (so a sweep does not end on
 * one long straggler), and the stale cells: ok, but computed by an older numerics version.
 */
public record SweepPlan(List<PlannedCell> cells, long alreadyOk, List<PlannedCell> pending, Set<String> stale) {

    public static SweepPlan of(SweepSpec spec, ResultStore store, RerunPolicy policy) {
        List<PlannedCell> cells = GridExpander.expand(spec);
        StoredCells stored = store.storedCells();
        Map<String, CellState> states = stored.states(spec.name());
        Set<String> ids = cells.stream().map(c -> c.spec().id()).collect(Collectors.toSet());
        Set<String> stale = new TreeSet<>(stored.stale(spec.name()));
        stale.retainAll(ids);
        long done = cells.stream().filter(c -> state(states, c).done()).count();
        List<PlannedCell> pending = cells.stream().filter(c -> policy.runs(state(states, c), stale.contains(c.spec().id())))
                .sorted(Comparator.comparingDouble(PlannedCell::estimatedSeconds).reversed()).toList();
        return new SweepPlan(cells, done, pending, Set.copyOf(stale));
    }

    private static CellState state(Map<String, CellState> states, PlannedCell cell) {
        return states.getOrDefault(cell.spec().id(), CellState.PENDING);
    }
}

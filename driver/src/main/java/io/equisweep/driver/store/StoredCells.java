package io.equisweep.driver.store;

import io.equisweep.driver.cells.CellState;
import io.equisweep.workers.Numerics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What a run or a plan needs to know of the stored cells, from one read of their latest attempts: each cell's
 * state, and the stale ones (ok, but computed by another numerics version than this build's).
 *
 * @param states by sweep, cell id → the state of its {@link LatestAttempt}
 * @param stale  by sweep, the stale cell ids
 */
public record StoredCells(Map<String, Map<String, CellState>> states, Map<String, Set<String>> stale) {
    public static final StoredCells NONE = new StoredCells(Map.of(), Map.of());

    public static StoredCells of(Dataset<Row> cells) {
        Map<String, Map<String, CellState>> states = new LinkedHashMap<>();
        Map<String, Set<String>> stale = new TreeMap<>();
        Dataset<Row> latest = LatestAttempt.of(cells);
        for (Row r : latest.select(functions.col("sweep"), functions.col("cell_id"), functions.col("status"),
                NumericsVersions.version(latest)).orderBy("sweep", "cell_id").collectAsList()) {
            CellState state = CellState.parse(r.getString(2));
            states.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), state);
            if (state.done() && ((Number) r.get(3)).intValue() != Numerics.VERSION) {
                stale.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
            }
        }
        return new StoredCells(states, stale);
    }

    public Map<String, CellState> states(String sweep) {
        return states.getOrDefault(sweep, Map.of());
    }

    public Set<String> stale(String sweep) {
        return stale.getOrDefault(sweep, Set.of());
    }
}

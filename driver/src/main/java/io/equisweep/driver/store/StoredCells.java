package io.equisweep.driver.store;

import io.equisweep.driver.cells.CellState;
import io.equisweep.workers.Numerics;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What {@code status}, {@code plan} and a run's skip decision need to know of the stored cells, from one read of
 * the six columns that decide it: each cell's state (its {@link LatestAttempt}'s status), the stale ones (ok, but
 * computed by another numerics version than this build's), and each sweep's ok cells by numerics version. The
 * latest attempts are chosen on the driver ({@link LatestAttempt#ORDER}): a 10,000-cell sweep is 10,000 short
 * rows, cheaper to rank in memory than through a window's shuffle.
 *
 * @param states   by sweep (in name order), cell id (in id order) → the state of its latest attempt
 * @param stale    by sweep, the stale cell ids
 * @param versions by sweep, numerics version → ok cells
 */
public record StoredCells(Map<String, Map<String, CellState>> states, Map<String, Set<String>> stale,
                          Map<String, Map<Integer, Long>> versions) {
    public static final StoredCells NONE = new StoredCells(Map.of(), Map.of(), Map.of());

    private record Latest(LatestAttempt.Attempt attempt, CellState state, int version) {
    }

    public static StoredCells of(Dataset<Row> cells) {
        Map<String, Map<String, Latest>> latest = new HashMap<>();
        for (Row r : cells.select(functions.col("sweep"), functions.col("cell_id"), functions.col("commit_id"),
                functions.col("finished_at"), functions.col("status"), NumericsVersions.version(cells)).collectAsList()) {
            Latest attempt = new Latest(new LatestAttempt.Attempt((Timestamp) r.get(3), r.getString(2)),
                    CellState.parse(r.getString(4)), ((Number) r.get(5)).intValue());
            latest.computeIfAbsent(r.getString(0), k -> new HashMap<>()).merge(r.getString(1), attempt,
                    (a, b) -> LatestAttempt.ORDER.compare(a.attempt(), b.attempt()) >= 0 ? a : b);
        }
        Map<String, Map<String, CellState>> states = new LinkedHashMap<>();
        Map<String, Set<String>> stale = new TreeMap<>();
        Map<String, Map<Integer, Long>> versions = new TreeMap<>();
        new TreeMap<>(latest).forEach((sweep, byCell) -> {
            Map<String, CellState> sweepStates = new LinkedHashMap<>();
            new TreeMap<>(byCell).forEach((cell, a) -> {
                sweepStates.put(cell, a.state());
                if (a.state().done()) {
                    versions.computeIfAbsent(sweep, k -> new TreeMap<>()).merge(a.version(), 1L, Long::sum);
                    if (a.version() != Numerics.VERSION) {
                        stale.computeIfAbsent(sweep, k -> new TreeSet<>()).add(cell);
                    }
                }
            });
            states.put(sweep, sweepStates);
        });
        return new StoredCells(states, stale, versions);
    }

    public Map<String, CellState> states(String sweep) {
        return states.getOrDefault(sweep, Map.of());
    }

    public Set<String> stale(String sweep) {
        return stale.getOrDefault(sweep, Set.of());
    }
}

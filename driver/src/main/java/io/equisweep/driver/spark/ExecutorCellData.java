package io.equisweep.driver.spark;

import io.equisweep.workers.data.CellData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The prepared data of the data-parallel cells this JVM has built minibatches for, by cell id, so that an executor
 * prepares a cell's data once, not once per minibatch; in local mode the driver, which evaluates the cell, shares
 * the executors' copy. Holds at most {@link #CAPACITY} cells (least recently used goes first): data-parallel cells
 * run one at a time, so one is in use and the others are what an executor kept from the cells before.
 */
final class ExecutorCellData {
    static final int CAPACITY = 3;

    private static final Map<String, CellData> PREPARED = new LinkedHashMap<>(CAPACITY + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CellData> eldest) {
            return size() > CAPACITY;
        }
    };

    private ExecutorCellData() {
    }

    /**
     * The prepared data of cell {@code cellId}, made by {@code prepare} on first use in this JVM. Preparation runs
     * under the cache's lock, so the tasks of one executor that start together prepare a cell once.
     */
    static CellData get(String cellId, Supplier<CellData> prepare) {
        synchronized (PREPARED) {
            CellData data = PREPARED.get(cellId);
            if (data == null) {
                data = prepare.get();
                PREPARED.put(cellId, data);
            }
            return data;
        }
    }

    /** Whether this JVM holds the prepared data of {@code cellId}. */
    static boolean holds(String cellId) {
        synchronized (PREPARED) {
            return PREPARED.containsKey(cellId);
        }
    }
}

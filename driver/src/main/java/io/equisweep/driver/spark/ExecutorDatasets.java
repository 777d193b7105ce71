package io.equisweep.driver.spark;

import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.Datasets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datasets this JVM has read from files, by (local) dataset spec, so that the cells an executor runs one
 * after another read their data once. Cells receive their splits explicitly from {@link DatasetBroadcasts}.
 */
final class ExecutorDatasets {
    /** Keyed by the dataset spec (name and resolved options): computing an identity would read the files. */
    private static final Map<DatasetSpec, DatasetSplits> LOADED = new ConcurrentHashMap<>();

    private ExecutorDatasets() {
    }

    /** The splits of {@code local} (a spec naming local files), read on first use in this JVM. */
    static DatasetSplits load(DatasetSpec local) {
        return LOADED.computeIfAbsent(local, s -> Datasets.loader(s).get());
    }

    /** Forgets what this JVM read (for tests, and for a driver that read a dataset only to broadcast it). */
    static void forget(DatasetSpec local) {
        LOADED.remove(local);
    }
}

package io.equisweep.driver.spark;

import io.equisweep.driver.data.DatasetLocalizer;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.DatasetSplits;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships small datasets to executors once per executor (a Spark broadcast, Kryo-serialised) instead of
 * having every task read or generate them; executors then need no copy of the files. Datasets larger
 * than {@code spark.equisweep.broadcast.maxBytes} (default 1 GiB) are read by each executor from the
 * dataset's path, once per executor JVM. In local mode the tasks share the driver's JVM and its cache,
 * so nothing is broadcast unless {@code spark.equisweep.broadcast.local=true}. Streamed datasets (PCam, image
 * folders) are never broadcast: each executor reads their minibatches from its own copy of the files.
 */
public final class DatasetBroadcasts implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetBroadcasts.class);

    /** By {@link #key}: this object travels in the task closure, which Spark serialises with Java serialisation. */
    private final Map<String, Broadcast<DatasetSplits>> broadcasts;

    DatasetBroadcasts(Map<String, Broadcast<DatasetSplits>> broadcasts) {
        this.broadcasts = broadcasts;
    }

    private static String key(DatasetSpec spec) {
        return spec.name() + spec.options();
    }

    public static DatasetBroadcasts none() {
        return new DatasetBroadcasts(Map.of());
    }

    /** Broadcasts each distinct dataset of {@code datasets} that is small enough. */
    public static DatasetBroadcasts create(JavaSparkContext sc, Collection<DatasetSpec> datasets) {
        boolean localMode = sc.master().startsWith("local");
        if (localMode && !EquisweepConf.BROADCAST_IN_LOCAL_MODE.get(sc.getConf())) {
            return none();
        }
        long maxBytes = EquisweepConf.BROADCAST_MAX_BYTES.get(sc.getConf());
        Map<String, Broadcast<DatasetSplits>> out = new HashMap<>();
        for (DatasetSpec spec : new LinkedHashSet<>(datasets)) {
            DatasetSpec local = DatasetLocalizer.localize(spec, sc.hadoopConfiguration());
            DatasetSplits splits = ExecutorDatasets.load(local);
            if (!splits.inMemory()) {
                LOG.info("dataset {} is streamed: each executor reads it from {}", spec.name(), spec.options());
            } else if (splits.bytes() <= maxBytes) {
                out.put(key(spec), sc.broadcast(splits));
                LOG.info("broadcasting dataset {} ({} MB) to the executors", spec.name(), splits.bytes() >> 20);
            } else {
                LOG.info("dataset {} ({} MB) is above {} = {} bytes: each executor reads it from {}", spec.name(),
                        splits.bytes() >> 20, EquisweepConf.BROADCAST_MAX_BYTES.key(), maxBytes, spec.options());
            }
            if (!localMode) {
                ExecutorDatasets.forget(local);
            }
        }
        return new DatasetBroadcasts(out);
    }

    public boolean isBroadcast(DatasetSpec spec) {
        return broadcasts.containsKey(key(spec));
    }

    /**
     * Executor side: the splits of {@code spec} for a cell: its broadcast copy, or, when it was not broadcast,
     * this JVM's copy read from local copies of its files (fetched from remote file systems once).
     */
    Supplier<DatasetSplits> splits(DatasetSpec spec) {
        Broadcast<DatasetSplits> b = broadcasts.get(key(spec));
        if (b != null) {
            return b::value;
        }
        return () -> ExecutorDatasets.load(DatasetLocalizer.localize(spec, new org.apache.hadoop.conf.Configuration()));
    }
}

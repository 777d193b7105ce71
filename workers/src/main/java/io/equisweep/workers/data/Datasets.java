package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of dataset sources, and a per-JVM cache of loaded splits so that the cells an
 * executor runs one after another load their data once.
 */
public final class Datasets {
    private static final Map<String, DatasetSource> SOURCES = new LinkedHashMap<>();
    private static final Map<String, DatasetSplits> LOADED = new ConcurrentHashMap<>();

    static {
        register(new SyntheticGlyphs());
    }

    private Datasets() {
    }

    private static void register(DatasetSource source) {
        SOURCES.put(source.name(), source);
    }

    public static Optional<DatasetSource> find(String name) {
        return Optional.ofNullable(SOURCES.get(name));
    }

    public static DatasetSource get(String name) {
        return find(name).orElseThrow(() -> new DatasetException(
                "unknown dataset '" + name + "'; valid: " + String.join(", ", names())));
    }

    public static List<String> names() {
        return List.copyOf(SOURCES.keySet());
    }

    /** Loads (once per JVM and identity) the splits of {@code spec}. */
    public static DatasetSplits load(DatasetSpec spec) {
        DatasetSource source = get(spec.name());
        return LOADED.computeIfAbsent(source.identity(spec), id -> source.load(spec));
    }
}

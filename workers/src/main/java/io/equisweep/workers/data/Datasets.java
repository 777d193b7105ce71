package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The registry of dataset sources by spec name. */
public final class Datasets {
    private static final Map<String, DatasetSource> SOURCES = new LinkedHashMap<>();

    /** Where {@code equisweep data fetch} puts datasets and where named datasets look by default. */
    public static final java.nio.file.Path DATA_HOME = java.nio.file.Path.of(
            System.getProperty("equisweep.data", System.getProperty("user.home") + "/.equisweep/data"));
    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

    static {
        register(new SyntheticGlyphs());
        // The npm digits are one pool of 10,000 without test files: 7,000 / 1,000 / 2,000 by default.
        register(new IdxDataset("mnist", DATA_HOME.resolve("mnist").toString(),
                "; run 'equisweep data fetch mnist' to install MNIST there", 1_000, "2000"));
        register(new IdxDataset("fashion-mnist", DEBIAN_FASHION_MNIST,
                "; run 'equisweep data fetch fashion-mnist' (Debian package dataset-fashion-mnist)", 10_000, "all"));
        register(IdxDataset.generic());
        register(new Cifar10Dataset(DATA_HOME.resolve("cifar-10-batches-bin").toString()));
        register(new Cifar100Dataset(DATA_HOME.resolve("cifar-100-binary").toString()));
        register(new PcamDataset(DATA_HOME.resolve("pcam").toString()));
        register(new ImageFolderDataset());
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

    /** Reads the splits of {@code spec} (local files) when asked: no cache, each call loads. */
    public static Supplier<DatasetSplits> loader(DatasetSpec spec) {
        return () -> get(spec.name()).load(spec);
    }
}

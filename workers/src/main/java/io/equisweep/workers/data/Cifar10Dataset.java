package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CIFAR-10 from its binary batches in a folder ({@code cifar-10-batches-bin} as distributed). */
final class Cifar10Dataset extends FileDataset {
    static final String NAME = "cifar10";

    private final String defaultDir;

    Cifar10Dataset(String defaultDir) {
        this.defaultDir = defaultDir;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Map<String, String> fileOptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dir", defaultDir);
        return d;
    }

    @Override
    int defaultValidationSize() {
        return 5_000;
    }

    @Override
    public int imageSize(DatasetSpec spec) {
        return Cifar10Reader.SIZE;
    }

    @Override
    public int channels(DatasetSpec spec) {
        return Cifar10Reader.CHANNELS;
    }

    @Override
    public int classes(DatasetSpec spec) {
        return Cifar10Reader.CLASSES;
    }

    private List<Path> trainFiles(DatasetSpec spec) {
        Path dir = Path.of(spec.option("dir"));
        List<Path> files = new ArrayList<>();
        for (String name : Cifar10Reader.TRAIN_FILES) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                throw new DatasetException(file + ": no such file. CIFAR-10's binary version (cifar-10-binary.tar.gz "
                        + "from the dataset's home page at the University of Toronto) unpacks to cifar-10-batches-bin/; "
                        + "point the dataset's 'dir' option at that folder");
            }
            files.add(file);
        }
        return files;
    }

    private Path testFile(DatasetSpec spec) {
        return Path.of(spec.option("dir")).resolve(Cifar10Reader.TEST_FILE);
    }

    @Override
    List<Path> files(DatasetSpec spec) {
        List<Path> files = new ArrayList<>(trainFiles(spec));
        files.add(testFile(spec));
        return files;
    }

    @Override
    Raw readTrainPool(DatasetSpec spec) {
        Cifar10Reader.Batch b = Cifar10Reader.read(trainFiles(spec));
        return new Raw(b.pixels(), b.labels(), Cifar10Reader.CHANNELS, Cifar10Reader.SIZE);
    }

    @Override
    Raw readTest(DatasetSpec spec) {
        Cifar10Reader.Batch b = Cifar10Reader.read(List.of(testFile(spec)));
        return new Raw(b.pixels(), b.labels(), Cifar10Reader.CHANNELS, Cifar10Reader.SIZE);
    }

    /** Checks every batch's length (a positive multiple of the record size) as it counts. */
    @Override
    int poolCount(DatasetSpec spec) {
        long total = 0;
        for (Path file : trainFiles(spec)) {
            total += Cifar10Reader.recordCount(file);
        }
        return (int) total;
    }

    @Override
    int testCount(DatasetSpec spec) {
        return (int) Cifar10Reader.recordCount(testFile(spec));
    }
}

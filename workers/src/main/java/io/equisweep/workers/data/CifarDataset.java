package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CIFAR binary version in a folder ({@code dir}): training files and one test file of {@link CifarReader} records. */
abstract class CifarDataset extends FileDataset {
    private final String defaultDir;

    CifarDataset(String defaultDir) {
        this.defaultDir = defaultDir;
    }

    abstract List<String> trainFileNames();

    abstract String testFileName();

    abstract CifarReader.Layout layout(DatasetSpec spec);

    /** Where the files come from, said when one is missing. */
    abstract String origin();

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
        return CifarReader.SIZE;
    }

    @Override
    public int channels(DatasetSpec spec) {
        return CifarReader.CHANNELS;
    }

    @Override
    public int classes(DatasetSpec spec) {
        return layout(spec).classes();
    }

    private List<Path> trainFiles(DatasetSpec spec) {
        Path dir = Path.of(spec.option("dir"));
        List<Path> files = new ArrayList<>();
        for (String name : trainFileNames()) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                throw new DatasetException(file + ": no such file. " + origin());
            }
            files.add(file);
        }
        return files;
    }

    private Path testFile(DatasetSpec spec) {
        return Path.of(spec.option("dir")).resolve(testFileName());
    }

    @Override
    List<Path> files(DatasetSpec spec) {
        List<Path> files = new ArrayList<>(trainFiles(spec));
        files.add(testFile(spec));
        return files;
    }

    @Override
    Raw readTrainPool(DatasetSpec spec) {
        return raw(CifarReader.read(trainFiles(spec), layout(spec)));
    }

    @Override
    Raw readTest(DatasetSpec spec) {
        return raw(CifarReader.read(List.of(testFile(spec)), layout(spec)));
    }

    private static Raw raw(CifarReader.Batch b) {
        return new Raw(b.pixels(), b.labels(), CifarReader.CHANNELS, CifarReader.SIZE);
    }

    /** Checks every file's length (a positive multiple of the record size) as it counts. */
    @Override
    int poolCount(DatasetSpec spec) {
        long total = 0;
        for (Path file : trainFiles(spec)) {
            total += CifarReader.recordCount(file, layout(spec));
        }
        return (int) total;
    }

    @Override
    int testCount(DatasetSpec spec) {
        return (int) CifarReader.recordCount(testFile(spec), layout(spec));
    }
}

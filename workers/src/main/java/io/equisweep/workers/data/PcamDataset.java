package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PatchCamelyon from its six HDF5 files ({@code camelyonpatch_level_2_split_{train,valid,test}_{x,y}.h5}, each
 * plain or gzipped as distributed; a {@code .h5.gz} is decompressed once into {@code cacheDir}, by default next to
 * it). The valid files are the validation split. {@code trainSize} takes a subset of the training file fixed by
 * {@code seed}; {@code validationSize} and {@code testSize} take the first images of theirs. Streamed: images are
 * read from the files as minibatches need them, never loaded whole (the training file is 7 GB).
 */
final class PcamDataset implements DatasetSource {
    static final String NAME = "pcam";
    static final List<String> SPLITS = List.of("train", "valid", "test");
    private static final String ALL = FileDataset.ALL;
    private static final String HOME = "PatchCamelyon (github.com/basveeling/pcam; the .h5.gz files on Zenodo)";

    private final String defaultDir;

    PcamDataset(String defaultDir) {
        this.defaultDir = defaultDir;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> optionDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dir", defaultDir);
        d.put("cacheDir", "");
        d.put("trainSize", ALL);
        d.put("validationSize", ALL);
        d.put("testSize", ALL);
        d.put("seed", "0");
        return d;
    }

    @Override
    public List<String> validate(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        for (var e : options.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!optionDefaults().containsKey(key)) {
                problems.add(DatasetSource.unknownOption(NAME, key, optionDefaults().keySet()));
            } else if (key.endsWith("Size")) {
                OptionValues.addIfAny(problems, OptionValues.sizeProblem(key, value, 1, ALL));
            } else if (key.equals("seed")) {
                OptionValues.addIfAny(problems, OptionValues.seedProblem(value));
            }
        }
        return problems;
    }

    static String fileName(String split, String part) {
        return "camelyonpatch_level_2_split_" + split + "_" + part + ".h5";
    }

    /** The plain file of {@code split}'s {@code part}: in {@code dir}, or decompressed from the {@code .gz} there. */
    Path file(DatasetSpec spec, String split, String part) {
        Path dir = Path.of(spec.option("dir"));
        String name = fileName(split, part);
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            String cache = spec.option("cacheDir");
            return GzipCache.decompressed(gz, cache.isEmpty() ? dir : Path.of(cache));
        }
        throw new DatasetException(plain + ": no such file (nor " + gz.getFileName() + "). " + HOME
                + " has the six files; point the dataset's 'dir' option at the folder holding them");
    }

    @Override
    public String identity(DatasetSpec spec) {
        StringBuilder sb = new StringBuilder(NAME).append('/');
        for (String split : SPLITS) {
            for (String part : List.of("x", "y")) {
                Path f = file(spec, split, part);
                sb.append(f.getFileName()).append(':').append(FileChecksums.sha256(f), 0, 16).append(',');
            }
        }
        Map<String, String> splitOptions = new LinkedHashMap<>();
        for (String key : List.of("trainSize", "validationSize", "testSize", "seed")) {
            splitOptions.put(key, spec.option(key));
        }
        return sb.append(splitOptions).toString();
    }

    @Override
    public int channels(DatasetSpec spec) {
        return PcamFiles.CHANNELS;
    }

    @Override
    public int classes(DatasetSpec spec) {
        return 2;
    }

    @Override
    public int imageSize(DatasetSpec spec) {
        return PcamFiles.SIZE;
    }

    @Override
    public SplitSizes splitSizes(DatasetSpec spec) {
        int[] sizes = new int[3];
        for (int s = 0; s < 3; s++) {
            String split = SPLITS.get(s);
            sizes[s] = size(spec, s, PcamFiles.checkedCount(file(spec, split, "x"), file(spec, split, "y")));
        }
        return new SplitSizes(sizes[0], sizes[1], sizes[2]);
    }

    private static final List<String> SIZE_KEYS = List.of("trainSize", "validationSize", "testSize");

    private int size(DatasetSpec spec, int split, int available) {
        String key = SIZE_KEYS.get(split);
        String v = spec.option(key);
        if (ALL.equals(v)) {
            return available;
        }
        long asked = Long.parseLong(v);
        if (asked > available) {
            throw new DatasetException("dataset pcam: " + key + " " + asked + " is more than the " + available
                    + " images of " + fileName(SPLITS.get(split), "x"));
        }
        return (int) asked;
    }

    @Override
    public DatasetSplits load(DatasetSpec spec) {
        Images[] out = new Images[3];
        for (int s = 0; s < 3; s++) {
            String split = SPLITS.get(s);
            Images all = PcamFiles.open(file(spec, split, "x"), file(spec, split, "y"));
            int keep = size(spec, s, all.count());
            if (keep == all.count()) {
                out[s] = all;
            } else if (s == 0) {
                out[s] = all.select(seededSubset(all.count(), keep, spec.longOption("seed")));
            } else {
                out[s] = all.select(FileDataset.identity(keep));
            }
        }
        return new DatasetSplits(out[0], out[1], out[2]);
    }

    /** {@code keep} of {@code n} indices chosen by {@code seed}, ascending (so reads move forward through the file). */
    static int[] seededSubset(int n, int keep, long seed) {
        int[] order = FileDataset.identity(n);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9CA3L);
        for (int i = 0; i < keep; i++) {
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] kept = Arrays.copyOf(order, keep);
        Arrays.sort(kept);
        return kept;
    }
}

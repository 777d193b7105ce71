package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A dataset read from files, split deterministically: the training pool is shuffled with {@code seed};
 * validation takes its first {@code validationSize} images and training the next {@code trainSize}
 * ({@code all}: the rest). The test split is the first {@code testSize} images of the test files, or,
 * for a dataset without test files, the {@code testSize} images after validation, before training.
 * The identity holds the SHA-256 of every file, so cells re-run when the data changes.
 */
abstract class FileDataset implements DatasetSource {
    static final String ALL = "all";

    /** The raw images and labels of one part (training pool or test set), pixels as bytes 0–255. */
    record Raw(byte[] pixels, byte[] labels, int channels, int size) {
        int count() {
            return labels.length;
        }
    }

    /** Source-specific options beyond the common ones, with defaults ({@code null} when required). */
    abstract Map<String, String> fileOptions();

    /** The files a spec reads (for checksums and messages). */
    abstract List<Path> files(DatasetSpec spec);

    abstract Raw readTrainPool(DatasetSpec spec);

    /** The test files' content, or {@code null} when the dataset has none. */
    abstract Raw readTest(DatasetSpec spec);

    /**
     * Images in the training pool, from headers and file lengths alone, never the data. It checks every file it
     * counts (format, length against header, files that must agree), so that {@link #splitSizes}, called when
     * a spec is read, reports a malformed file before any cell runs.
     */
    abstract int poolCount(DatasetSpec spec);

    /** Images in the test files, or -1 when the dataset has none; checked like {@link #poolCount}. */
    abstract int testCount(DatasetSpec spec);

    abstract int defaultValidationSize();

    @Override
    public Map<String, String> optionDefaults() {
        Map<String, String> d = new LinkedHashMap<>(fileOptions());
        d.put("trainSize", ALL);
        d.put("validationSize", Integer.toString(defaultValidationSize()));
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
                problems.add(DatasetSource.unknownOption(name(), key, optionDefaults().keySet()));
            } else if (key.equals("trainSize") || key.equals("testSize")) {
                OptionValues.addIfAny(problems, OptionValues.sizeProblem(key, value, 1, ALL));
            } else if (key.equals("validationSize")) {
                OptionValues.addIfAny(problems, OptionValues.sizeProblem(key, value, 0, null));
            } else if (key.equals("seed")) {
                OptionValues.addIfAny(problems, OptionValues.seedProblem(value));
            }
        }
        return problems;
    }

    @Override
    public String identity(DatasetSpec spec) {
        StringBuilder sb = new StringBuilder(name()).append('/');
        for (Path file : files(spec)) {
            sb.append(file.getFileName()).append(':').append(FileChecksums.sha256(file), 0, 16).append(',');
        }
        Map<String, String> splitOptions = new LinkedHashMap<>();
        for (String key : List.of("trainSize", "validationSize", "testSize", "seed")) {
            splitOptions.put(key, spec.option(key));
        }
        return sb.append(splitOptions).toString();
    }

    /** Split sizes from the counts alone; fails with a clear message when the files hold too few images. */
    private SplitSizes sizes(DatasetSpec spec, int pool, int test) {
        int validation = spec.intOption("validationSize");
        int testSize = test >= 0 ? size(spec, "testSize", test) : size(spec, "testSize", pool - validation);
        int reserved = validation + (test < 0 ? testSize : 0);
        int train = size(spec, "trainSize", pool - reserved);
        if (train < 1 || reserved + train > pool) {
            throw new DatasetException("dataset " + name() + " (" + files(spec).get(0).getParent() + ") has " + pool
                    + " images to split, not enough for validationSize " + validation
                    + (test < 0 ? " + testSize " + testSize : "") + " + trainSize " + spec.option("trainSize"));
        }
        if (test >= 0 && testSize > test) {
            throw new DatasetException("dataset " + name() + " has " + test + " test images, fewer than testSize " + testSize);
        }
        return new SplitSizes(train, validation, testSize);
    }

    @Override
    public SplitSizes splitSizes(DatasetSpec spec) {
        return sizes(spec, poolCount(spec), testCount(spec));
    }

    @Override
    public DatasetSplits load(DatasetSpec spec) {
        Raw pool = readTrainPool(spec);
        Raw test = readTest(spec);
        SplitSizes sizes = sizes(spec, pool.count(), test == null ? -1 : test.count());
        int validation = sizes.validation();
        int reserved = validation + (test == null ? sizes.test() : 0);
        int[] order = permutation(pool.count(), spec.longOption("seed"));
        int[] validationIdx = java.util.Arrays.copyOfRange(order, 0, validation);
        int[] trainIdx = java.util.Arrays.copyOfRange(order, reserved, reserved + sizes.train());
        int classes = classes(spec);
        ImageSet testSet = test == null
                ? toImages(pool, java.util.Arrays.copyOfRange(order, validation, reserved), classes)
                : toImages(test, identity(sizes.test()), classes);
        return new DatasetSplits(toImages(pool, trainIdx, classes), toImages(pool, validationIdx, classes), testSet);
    }

    private static int size(DatasetSpec spec, String key, int all) {
        String v = spec.option(key);
        return ALL.equals(v) ? Math.max(all, 0) : Integer.parseInt(v);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static int[] permutation(int n, long seed) {
        int[] a = identity(n);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5B117L);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static ImageSet toImages(Raw raw, int[] indices, int classes) {
        int len = raw.channels() * raw.size() * raw.size();
        float[] pixels = new float[indices.length * len];
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int src = indices[k] * len;
            for (int p = 0; p < len; p++) {
                pixels[k * len + p] = (raw.pixels()[src + p] & 0xff) / 255f;
            }
            labels[k] = raw.labels()[indices[k]] & 0xff;
        }
        return new ImageSet(pixels, labels, raw.channels(), raw.size(), classes);
    }
}

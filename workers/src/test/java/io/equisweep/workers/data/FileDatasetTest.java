package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.cell.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileDatasetTest {
    @TempDir
    Path dir;

    /** 100 distinct 6×6 images (image i has pixel 0 = i) with labels i mod 10, as a pool without test files. */
    private DatasetSpec pool(Map<String, String> extra) throws IOException {
        byte[] pixels = new byte[100 * 36];
        byte[] labels = new byte[100];
        for (int i = 0; i < 100; i++) {
            pixels[i * 36] = (byte) i;
            labels[i] = (byte) (i % 10);
        }
        IdxReader.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), pixels, 100, 6, 6);
        IdxReader.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
        Map<String, String> options = new HashMap<>(Datasets.get("mnist").optionDefaults());
        options.put("dir", dir.toString());
        options.putAll(extra);
        return new DatasetSpec("mnist", options);
    }

    private static Set<Integer> ids(Images set) {
        Set<Integer> ids = new HashSet<>();
        float[] image = new float[set.imageLength()];
        for (int i = 0; i < set.count(); i++) {
            set.copyImage(i, image, 0);
            ids.add(Math.round(image[0] * 255));
        }
        return ids;
    }

    @Test
    void splitsArePairwiseDisjointAndDeterministic() throws IOException {
        DatasetSpec spec = pool(Map.of("trainSize", "70", "validationSize", "10", "testSize", "20", "seed", "3"));
        DatasetSource source = Datasets.get("mnist");
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(70, 10, 20));
        DatasetSplits a = source.load(spec);
        Set<Integer> all = new HashSet<>(ids(a.train()));
        all.addAll(ids(a.validation()));
        all.addAll(ids(a.test()));
        assertThat(all).hasSize(100);
        assertThat(ids(source.load(spec).validation())).isEqualTo(ids(a.validation()));
        DatasetSplits other = source.load(pool(Map.of("trainSize", "70", "validationSize", "10", "testSize", "20", "seed", "4")));
        assertThat(ids(other.validation())).isNotEqualTo(ids(a.validation()));
        assertThat(source.identity(spec)).startsWith("mnist/train-images-idx3-ubyte.gz:");
    }

    @Test
    void tooFewImagesForTheSplitIsAClearError() throws IOException {
        DatasetSpec spec = pool(Map.of("trainSize", "90", "validationSize", "10", "testSize", "20"));
        assertThatThrownBy(() -> Datasets.get("mnist").splitSizes(spec)).hasMessageContaining(
                "has 100 images to split, not enough for validationSize 10 + testSize 20 + trainSize 90");
    }

    @Test
    void missingFilesPointAtDataFetch() {
        DatasetSpec spec = new DatasetSpec("mnist", Map.of("dir", dir.resolve("none").toString(), "trainSize", "all",
                "validationSize", "0", "testSize", "all", "seed", "0"));
        assertThatThrownBy(() -> Datasets.get("mnist").splitSizes(spec))
                .hasMessageContaining("train-labels-idx1-ubyte.gz: no such file")
                .hasMessageContaining("run 'equisweep data fetch mnist'");
    }


    /** The generic idx source over the given files (a test pair when {@code testImages} is not null), validationSize 2. */
    private static DatasetSpec idx(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        Map<String, String> options = new HashMap<>(Datasets.get("idx").optionDefaults());
        options.put("trainImages", trainImages.toString());
        options.put("trainLabels", trainLabels.toString());
        if (testImages != null) {
            options.put("testImages", testImages.toString());
            options.put("testLabels", testLabels.toString());
        } else {
            options.put("testSize", "2");
        }
        options.put("validationSize", "2");
        return new DatasetSpec("idx", options);
    }

    private Path images(String name, int count, int rows, int cols) throws IOException {
        Path p = dir.resolve(name);
        IdxReader.writeImages(p, new byte[count * rows * cols], count, rows, cols);
        return p;
    }

    private Path labels(String name, int count) throws IOException {
        Path p = dir.resolve(name);
        IdxReader.writeLabels(p, new byte[count]);
        return p;
    }

    /** {@code file} rewritten with {@code delta} bytes more (zeros) or fewer of uncompressed content, compressed as before. */
    private static Path resize(Path file, int delta) throws IOException {
        byte[] content = uncompressed(file);
        byte[] resized = java.util.Arrays.copyOf(content, content.length + delta);
        if (file.toString().endsWith(".gz")) {
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(resized);
            }
        } else {
            Files.write(file, resized);
        }
        return file;
    }

    private static byte[] uncompressed(Path file) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** Malformed files are caught by {@code splitSizes}, what the driver calls when it reads a spec. */
    @ParameterizedTest(name = "files named ''*{0}''")
    @ValueSource(strings = {"", ".gz"})
    void splitSizesCatchesMalformedFiles(String ext) throws IOException {
        Path trainImages = images("train-images" + ext, 10, 6, 6);
        Path trainLabels = labels("train-labels" + ext, 10);
        Path testImages = images("test-images" + ext, 4, 6, 6);
        Path testLabels = labels("test-labels" + ext, 4);
        DatasetSource source = Datasets.get("idx");
        assertThat(source.splitSizes(idx(trainImages, trainLabels, testImages, testLabels))).isEqualTo(new SplitSizes(8, 2, 4));

        assertThatThrownBy(() -> source.splitSizes(idx(trainLabels, trainLabels, null, null))).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(trainLabels + ": not an IDX image file: magic number 0x00000801, expected 0x00000803");
        assertThatThrownBy(() -> source.splitSizes(idx(trainImages, trainLabels, testImages, testImages)))
                .hasMessageStartingWith(testImages + ": not an IDX label file: magic number 0x00000803, expected 0x00000801");
        Path cutImages = resize(images("cut-images" + ext, 10, 6, 6), -1);
        assertThatThrownBy(() -> source.splitSizes(idx(cutImages, trainLabels, null, null))).hasMessageStartingWith(
                cutImages + ": truncated: the header announces 10 images of 6×6 (360 bytes of data) but the file ends after 359");
        Path cutLabels = resize(labels("cut-labels" + ext, 4), -1);
        assertThatThrownBy(() -> source.splitSizes(idx(trainImages, trainLabels, testImages, cutLabels))).hasMessageStartingWith(
                cutLabels + ": truncated: the header announces 4 labels (4 bytes of data) but the file ends after 3");
        Path longLabels = resize(labels("long-labels" + ext, 10), 2);
        assertThatThrownBy(() -> source.splitSizes(idx(trainImages, longLabels, null, null))).hasMessage(
                longLabels + ": 2 unexpected bytes after the data the header announces (10 labels, 10 bytes)");
        assertThatThrownBy(() -> source.splitSizes(idx(trainImages, testLabels, null, null))).hasMessage(
                trainImages + " holds 10 images but " + testLabels + " holds 4 labels");
        Path wide = images("wide" + ext, 10, 6, 7);
        assertThatThrownBy(() -> source.splitSizes(idx(wide, trainLabels, null, null)))
                .hasMessageStartingWith(wide + ": images are 6×7; equisweep needs square images");
    }

    @Test
    void splitSizesOfANamedDatasetChecksTheTestFilesToo() throws IOException {
        DatasetSpec spec = pool(Map.of("validationSize", "10", "testSize", "all"));
        images("t10k-images-idx3-ubyte.gz", 5, 6, 6);
        labels("t10k-labels-idx1-ubyte.gz", 6);
        assertThatThrownBy(() -> Datasets.get("mnist").splitSizes(spec)).hasMessage(dir.resolve("t10k-images-idx3-ubyte.gz")
                + " holds 5 images but " + dir.resolve("t10k-labels-idx1-ubyte.gz") + " holds 6 labels");
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> Datasets.get("mnist").splitSizes(spec)).hasMessage(dir.resolve("t10k-images-idx3-ubyte.gz")
                + ": test images and labels go together; the other file is missing");
    }

    /** Labels out of range need the data: they are found when a cell loads it, not before. */
    @Test
    void labelsOutOfRangeAreFoundAtLoadOnly() throws IOException {
        Path images = images("images", 10, 6, 6);
        Path labels = dir.resolve("labels");
        IdxReader.writeLabels(labels, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10});
        DatasetSpec spec = idx(images, labels, null, null);
        assertThat(Datasets.get("idx").splitSizes(spec)).isEqualTo(new SplitSizes(6, 2, 2));
        assertThatThrownBy(() -> Datasets.get("idx").load(spec))
                .hasMessage(labels + ": label 10 at index 9 is not below the number of classes, 10");
    }

    @Test
    void realFashionMnistFromTheDebianPackage() {
        Path home = Path.of(Datasets.DEBIAN_FASHION_MNIST);
        boolean ci = System.getenv("CI") != null;
        if (!ci) {
            Assumptions.assumeTrue(Files.isDirectory(home), "dataset-fashion-mnist is not installed");
        }
        IdxReader.Images train = IdxReader.readImages(home.resolve("train-images-idx3-ubyte.gz"));
        byte[] trainLabels = IdxReader.readLabels(home.resolve("train-labels-idx1-ubyte.gz"));
        IdxReader.Images test = IdxReader.readImages(home.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] testLabels = IdxReader.readLabels(home.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(train.count()).isEqualTo(60_000);
        assertThat(test.count()).isEqualTo(10_000);
        assertThat(train.rows()).isEqualTo(28);
        assertThat(histogram(trainLabels)).containsOnly(6_000);
        assertThat(histogram(testLabels)).containsOnly(1_000);

        DatasetSpec spec = new DatasetSpec("fashion-mnist", Datasets.get("fashion-mnist").optionDefaults());
        assertThat(Datasets.get("fashion-mnist").splitSizes(spec)).isEqualTo(new SplitSizes(50_000, 10_000, 10_000));
    }

    private static int[] histogram(byte[] labels) {
        int[] h = new int[10];
        for (byte b : labels) {
            h[b]++;
        }
        return h;
    }
}

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

    private static Set<Integer> ids(ImageSet set) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            ids.add(Math.round(set.pixels()[i * 36] * 255));
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

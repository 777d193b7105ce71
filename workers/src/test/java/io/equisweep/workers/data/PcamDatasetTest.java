package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.cell.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcamDatasetTest {
    @TempDir
    Path dir;

    private final PcamDataset source = new PcamDataset("/nonexistent");

    @Test
    void readsImagesAsChannelPlanesAndLabelsOneAtATime() throws Exception {
        PcamFixtures.writeSplits(dir, 6, 3, 4, false);
        DatasetSpec spec = PcamFixtures.spec(dir, Map.of());
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(6, 3, 4));
        DatasetSplits splits = source.load(spec);
        assertThat(splits.inMemory()).isFalse();
        assertThat(splits.bytes()).isZero();
        Images train = splits.train();
        assertThat(train.channels()).isEqualTo(3);
        assertThat(train.size()).isEqualTo(96);
        assertThat(train.classes()).isEqualTo(2);
        float[] image = new float[train.imageLength()];
        train.copyImage(5, image, 0);
        // Channel 2, row 10, column 20 of image 5.
        assertThat(image[2 * 96 * 96 + 10 * 96 + 20]).isEqualTo(PcamFixtures.pixel(5, 10, 20, 2) / 255f);
        assertThat(image[0]).isEqualTo(PcamFixtures.pixel(5, 0, 0, 0) / 255f);
        assertThat(train.label(5)).isEqualTo(1);
        assertThat(splits.test().label(2)).isZero();
    }

    /**
     * Files written by h5py as PCam's were, with the patches chunked one per chunk and gzip-compressed (see
     * src/test/resources/pcam-h5py/make_fixtures.py): read through jHDF's slices, in any order, from two threads.
     */
    @Test
    void readsChunkedCompressedFilesWrittenByH5py() throws Exception {
        for (String split : java.util.List.of("train", "valid", "test")) {
            for (String part : java.util.List.of("x", "y")) {
                String name = PcamDataset.fileName(split, part);
                try (var in = getClass().getResourceAsStream("/pcam-h5py/" + name)) {
                    Files.copy(java.util.Objects.requireNonNull(in, name), dir.resolve(name));
                }
            }
        }
        DatasetSpec spec = PcamFixtures.spec(dir, Map.of());
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(5, 2, 3));
        Images train = source.load(spec).train();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var reads = new java.util.ArrayList<java.util.concurrent.Future<float[]>>();
            for (int i : new int[] {4, 0, 3, 1, 2, 4, 0}) {
                reads.add(pool.submit(() -> {
                    float[] image = new float[train.imageLength()];
                    train.copyImage(i, image, 0);
                    return image;
                }));
            }
            int[] order = {4, 0, 3, 1, 2, 4, 0};
            for (int k = 0; k < order.length; k++) {
                float[] image = reads.get(k).get();
                int i = order[k];
                assertThat(image[2 * 96 * 96 + 10 * 96 + 20]).isEqualTo(PcamFixtures.pixel(i, 10, 20, 2) / 255f);
                assertThat(image[95 * 96 + 95]).isEqualTo(PcamFixtures.pixel(i, 95, 95, 0) / 255f);
                assertThat(train.label(i)).isEqualTo(i % 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void gzippedFilesAreDecompressedOnceIntoTheCacheAndKeepTheIdentityOfThePlainOnes() throws Exception {
        Path plainDir = Files.createDirectory(dir.resolve("plain"));
        PcamFixtures.writeSplits(plainDir, 4, 2, 2, false);
        String plainIdentity = source.identity(PcamFixtures.spec(plainDir, Map.of()));

        Path gzDir = Files.createDirectory(dir.resolve("gz"));
        Path cache = dir.resolve("cache");
        PcamFixtures.writeSplits(gzDir, 4, 2, 2, true);
        DatasetSpec spec = PcamFixtures.spec(gzDir, Map.of("cacheDir", cache.toString()));
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(4, 2, 2));
        Path decompressed = cache.resolve(PcamDataset.fileName("train", "x"));
        assertThat(decompressed).exists();
        var written = Files.getLastModifiedTime(decompressed);
        assertThat(source.identity(spec)).isEqualTo(plainIdentity);
        source.load(spec);
        assertThat(Files.getLastModifiedTime(decompressed)).isEqualTo(written);
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }

    @Test
    void sizeOptionsTakeASeededTrainingSubsetAndLeadingEvaluationImages() throws Exception {
        PcamFixtures.writeSplits(dir, 20, 5, 5, false);
        DatasetSplits splits = source.load(PcamFixtures.spec(dir, Map.of("trainSize", "8", "validationSize", "2",
                "testSize", "3", "seed", "4")));
        assertThat(splits.train().count()).isEqualTo(8);
        assertThat(splits.validation().count()).isEqualTo(2);
        assertThat(splits.test().count()).isEqualTo(3);
        assertThat(PcamDataset.seededSubset(20, 8, 4)).isSorted().doesNotHaveDuplicates()
                .isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7})
                .isEqualTo(PcamDataset.seededSubset(20, 8, 4))
                .isNotEqualTo(PcamDataset.seededSubset(20, 8, 5));
        assertThatThrownBy(() -> source.splitSizes(PcamFixtures.spec(dir, Map.of("testSize", "6"))))
                .hasMessageContaining("testSize 6 is more than the 5 images of camelyonpatch_level_2_split_test_x.h5");
    }

    @Test
    void everyMalformedFileIsReportedByNameFromItsHeader() throws Exception {
        PcamFixtures.writeSplits(dir, 4, 2, 2, false);
        DatasetSpec spec = PcamFixtures.spec(dir, Map.of());
        Path validX = dir.resolve(PcamDataset.fileName("valid", "x"));
        Path validY = dir.resolve(PcamDataset.fileName("valid", "y"));

        Files.delete(validX);
        assertThatThrownBy(() -> source.splitSizes(spec)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(validX + ": no such file (nor camelyonpatch_level_2_split_valid_x.h5.gz)");

        Files.writeString(validX, "not hdf5 at all");
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessageContaining(validX + ": not a readable HDF5 file");

        Files.delete(validX);
        PcamFixtures.write(validX, "images", PcamFixtures.images(2));
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessageContaining(validX + ": no dataset 'x'; the file holds [images]");

        Files.delete(validX);
        PcamFixtures.write(validX, "x", new byte[2][32][32][3]);
        assertThatThrownBy(() -> source.splitSizes(spec))
                .hasMessageContaining(validX + ": dataset 'x' has shape [2, 32, 32, 3], expected [N, 96, 96, 3]");

        Files.delete(validX);
        PcamFixtures.write(validX, "x", new int[2][96][96][3]);
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessageContaining(validX + ": dataset 'x' holds")
                .hasMessageContaining("expected 8-bit integers");

        Files.delete(validX);
        PcamFixtures.write(validX, "x", PcamFixtures.images(3));
        assertThatThrownBy(() -> source.splitSizes(spec))
                .hasMessageContaining(validX + " holds 3 images but " + validY + " holds 2 labels");

        Files.delete(validX);
        PcamFixtures.write(validX, "x", PcamFixtures.images(2));
        Files.delete(validY);
        PcamFixtures.write(validY, "y", new byte[][][][] {{{{0}}}, {{{2}}}});
        assertThat(source.splitSizes(spec).validation()).isEqualTo(2);
        assertThatThrownBy(() -> source.load(spec)).hasMessageContaining(validY + ": label 2 at index 1 is not 0 or 1");
    }

    @Test
    void aCorruptGzipFileIsNamedAndLeavesNoCacheFile() throws Exception {
        PcamFixtures.writeSplits(dir, 4, 2, 2, true);
        Path gz = dir.resolve(PcamDataset.fileName("test", "y") + ".gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        DatasetSpec spec = PcamFixtures.spec(dir, Map.of());
        assertThatThrownBy(() -> source.splitSizes(spec)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(gz + ": not a valid gzip file");
        assertThat(dir.resolve(PcamDataset.fileName("test", "y"))).doesNotExist();
    }
}

package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.symmetry.DataSymmetry;
import io.equisweep.workers.train.ResizedCrop;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random resized crop of an image file is taken on the whole decoded picture, as torchvision's
 * {@code RandomResizedCrop} on the PIL image, not on the evaluation's centre crop.
 */
class ResizedCropFolderTest {
    private static final int N = 16;

    @TempDir
    Path dir;

    /** A 96 × 24 image: red in its left 24 columns, blue in its right 24, green between. */
    private Images wideImageAt16() throws Exception {
        BufferedImage wide = new BufferedImage(96, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 96, 24);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 24, 24);
        g.setColor(Color.BLUE);
        g.fillRect(72, 0, 24, 24);
        g.dispose();
        ImageFolderFixtures.write(dir.resolve("train/a/wide.png"), wide);
        Files.createDirectories(dir.resolve("test/a"));
        return new ImageFolderDataset().load(ImageFolderFixtures.spec(dir, Map.of())).train();
    }

    private static float[] red(Images set, CropBox.Rule rule) {
        float[] image = new float[set.imageLength()];
        if (rule == null) {
            set.copyImage(0, image, 0);
        } else {
            set.copyResizedCrop(0, rule, image, 0);
        }
        return java.util.Arrays.copyOf(image, N * N);
    }

    private static float max(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static float min(float[] a) {
        float m = 1;
        for (float v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    @Test
    void theBoxIsTakenOnTheWholeDecodedFileAndScaledToTheInputSize() throws Exception {
        CellData data = CellData.prepare(new DatasetSplits(wideImageAt16(), wideImageAt16(), wideImageAt16()), N,
                DataSymmetry.parse("upright"), 1);
        Images train = data.train();
        assertThat(train.size()).isEqualTo(N);
        assertThat(max(red(train, null))).as("the evaluation centre crop is green only").isZero();

        CropBox.Rule leftEnd = (w, h) -> {
            assertThat(w).isEqualTo(96);
            assertThat(h).isEqualTo(24);
            return new CropBox(0, 0, 24, 20);
        };
        assertThat(min(red(train, leftEnd))).as("the file's red left end, scaled from 20 × 24 to 16 × 16").isEqualTo(1f);
        float[] image = new float[train.imageLength()];
        train.copyResizedCrop(0, (w, h) -> new CropBox(2, 76, 20, 20), image, 0);
        assertThat(min(java.util.Arrays.copyOfRange(image, 2 * N * N, 3 * N * N))).as("blue right end").isEqualTo(1f);
        assertThat(max(java.util.Arrays.copyOf(image, 2 * N * N))).isZero();

        // Real draws: the boxes reach the red end in some epochs, never the evaluation crop.
        SplittableRandom rng = new SplittableRandom(1);
        int reachingRed = 0;
        for (int k = 0; k < 40; k++) {
            reachingRed += max(red(train, new ResizedCrop.Draw(rng.nextLong(), false))) > 0.5f ? 1 : 0;
        }
        assertThat(reachingRed).isBetween(1, 39);
    }

    @Test
    void aPreparedSetThatPreprocessesCropsItsPreparedImage() throws Exception {
        Images folder = wideImageAt16();
        CellData cropped = CellData.prepare(new DatasetSplits(folder, folder, folder), N,
                DataSymmetry.parse("upright"), 1, 1.0, new Preprocessing(12, false));
        float[] whole = new float[cropped.train().imageLength()];
        cropped.train().copyImage(0, whole, 0);
        float[] box = new float[whole.length];
        cropped.train().copyResizedCrop(0, (w, h) -> {
            assertThat(w).isEqualTo(N);
            assertThat(h).isEqualTo(N);
            return new CropBox(0, 0, N, N);
        }, box, 0);
        assertThat(box).containsExactly(whole);
        assertThat(max(java.util.Arrays.copyOf(box, N * N))).isZero();

        CellData subset = CellData.prepare(new DatasetSplits(folder.select(new int[] {0, 0}), folder, folder), N,
                DataSymmetry.parse("upright"), 1);
        assertThat(min(red(subset.train(), (w, h) -> new CropBox(0, 0, 24, 20)))).as("through a selection").isEqualTo(1f);
    }
}

package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.symmetry.DataSymmetry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamedCellDataTest {

    /** Random 3-channel images of side n. */
    static ImageSet random(int count, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pixels = new float[count * 3 * n * n];
        int[] labels = new int[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
        }
        return new ImageSet(pixels, labels, 3, n, 2);
    }

    /** The same images, read through a view as a file-backed set is. */
    static Images streamed(ImageSet set) {
        return new SelectedImages(set, FileDataset.identity(set.count()));
    }

    private static float[] read(Images set, int i) {
        float[] image = new float[set.imageLength()];
        set.copyImage(i, image, 0);
        return image;
    }

    @Test
    void aStreamedSetPreparesTheSameImagesAndStatisticsAsItsInMemoryCopy() {
        ImageSet train = random(40, 12, 1);
        ImageSet valid = random(6, 12, 2);
        ImageSet test = random(5, 12, 3);
        DataSymmetry upright = DataSymmetry.parse("upright");
        Preprocessing pre = new Preprocessing(8, true);
        CellData held = CellData.prepare(new DatasetSplits(train, valid, test), 10, upright, 3, 1.0, pre);
        CellData lazy = CellData.prepare(new DatasetSplits(streamed(train), streamed(valid), streamed(test)), 10,
                upright, 3, 1.0, pre);
        assertThat(lazy.train().inMemory()).isFalse();
        assertThat(lazy.train().size()).isEqualTo(10);
        for (int i : new int[] {0, 17, 39}) {
            assertThat(read(lazy.train(), i)).containsExactly(read(held.train(), i));
        }
        assertThat(read(lazy.test(), 4)).containsExactly(read(held.test(), 4));
        assertThat(lazy.mean()).isCloseTo(held.mean(), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(lazy.std()).isCloseTo(held.std(), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void aSymmetryDrawnOnceIsFixedPerImageAndSeed() {
        ImageSet train = random(20, 9, 4);
        DatasetSplits splits = new DatasetSplits(streamed(train), streamed(random(4, 9, 5)), streamed(random(4, 9, 6)));
        DataSymmetry once = DataSymmetry.parse("c4");
        CellData a = CellData.prepare(splits, 9, once, 7, 1.0, Preprocessing.NONE);
        CellData b = CellData.prepare(splits, 9, once, 7, 1.0, Preprocessing.NONE);
        CellData other = CellData.prepare(splits, 9, once, 8, 1.0, Preprocessing.NONE);
        boolean anyTurned = false;
        boolean seedMatters = false;
        for (int i = 0; i < 20; i++) {
            assertThat(read(a.train(), i)).containsExactly(read(a.train(), i)).containsExactly(read(b.train(), i));
            anyTurned |= !java.util.Arrays.equals(read(a.train(), i), train.select(new int[] {i}).pixels());
            seedMatters |= !java.util.Arrays.equals(read(a.train(), i), read(other.train(), i));
        }
        assertThat(anyTurned).isTrue();
        assertThat(seedMatters).isTrue();
    }

    @Test
    void theCropIsTheCentrePatchAndTheCircleZeroesTheCornersAsTheOfficialCode() {
        float[] image = new float[36];
        for (int i = 0; i < 36; i++) {
            image[i] = i + 1;
        }
        float[] out = new float[16];
        new Preprocessing(4, false).apply(image, 0, 1, 6, out, 0, 4);
        assertThat(out).containsExactly(8, 9, 10, 11, 14, 15, 16, 17, 20, 21, 22, 23, 26, 27, 28, 29);
        float[] five = new float[25];
        java.util.Arrays.fill(five, 1f);
        Preprocessing.circle(five, 1, 5);
        // r = 2: (0,0) at distance² 8 > 4 is cut, (0,2) at 4 is kept, (1,0) at 5 is cut.
        assertThat(five[0]).isZero();
        assertThat(five[2]).isEqualTo(1f);
        assertThat(five[5]).isZero();
        assertThat(five[12]).isEqualTo(1f);
        assertThatThrownBy(() -> new Preprocessing(30, false).croppedSize(28))
                .hasMessageContaining("crop 30 is larger than the dataset's 28×28 images");
    }

    @Test
    void inMemoryDatasetsTakeTheCircleCropToo() {
        ImageSet mnistLike = new ImageSet(filled(4 * 28 * 28), new int[] {0, 1, 0, 1}, 1, 28, 2);
        CellData data = CellData.prepare(new DatasetSplits(mnistLike, mnistLike, mnistLike), 28,
                DataSymmetry.parse("upright"), 1, 1.0, new Preprocessing(0, true));
        assertThat(data.train().inMemory()).isTrue();
        float[] image = read(data.train(), 0);
        assertThat(image[0]).isZero();
        assertThat(image[14 * 28 + 14]).isEqualTo(1f);
        assertThat(read(data.test(), 3)[27]).isZero();
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}

package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.symmetry.DataSymmetry;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The paper's {@code --split}: a fixed part of the training split, the same for every seed, nested by fraction. */
class TrainFractionTest {
    /** 100 one-pixel images whose pixel is their index, so a subset names the images it kept. */
    static ImageSet numbered(int n) {
        float[] pixels = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = i;
            labels[i] = i % 10;
        }
        return new ImageSet(pixels, labels, 1, 1, 10);
    }

    static Set<Integer> kept(Images set) {
        Set<Integer> ids = new HashSet<>();
        float[] pixel = new float[1];
        for (int i = 0; i < set.count(); i++) {
            set.copyImage(i, pixel, 0);
            ids.add((int) pixel[0]);
        }
        return ids;
    }

    @Test
    void aFractionKeepsThatShareRoundedUpAndASmallerOneIsPartOfALargerOne() {
        ImageSet all = numbered(100);
        assertThat(CellData.subset(all, 1.0)).isSameAs(all);
        Images half = CellData.subset(all, 0.5);
        Images tenth = CellData.subset(all, 0.1);
        assertThat(half.count()).isEqualTo(50);
        assertThat(tenth.count()).isEqualTo(10);
        assertThat(CellData.subset(all, 0.001).count()).isEqualTo(1);
        assertThat(CellData.subset(all, 0.333).count()).isEqualTo(34);
        assertThat(kept(half)).containsAll(kept(tenth));
        // Not simply the first images of the split.
        assertThat(kept(tenth)).isNotEqualTo(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    @Test
    void everySeedOfAFractionTrainsOnTheSameImages() {
        ImageSet all = numbered(100);
        DatasetSplits splits = new DatasetSplits(all, numbered(10), numbered(10));
        Set<Integer> first = kept(CellData.prepare(splits, 1, DataSymmetry.parse("upright"), 1, 0.2).train());
        Set<Integer> second = kept(CellData.prepare(splits, 1, DataSymmetry.parse("upright"), 2, 0.2).train());
        assertThat(first).hasSize(20).isEqualTo(second);
    }
}

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

    @Test
    void scaledEpochsKeepTheFullSplitsStepsAsThePapersSplitDoes() {
        assertThat(training(200, 0.1, true).epochsToTrain()).isEqualTo(2000);
        assertThat(training(200, 0.3, true).epochsToTrain()).as("ceil(200 / 0.3)").isEqualTo(667);
        assertThat(training(200, 0.5, true).epochsToTrain()).isEqualTo(400);
        assertThat(training(200, 1.0, true).epochsToTrain()).isEqualTo(200);
        assertThat(training(200, 0.1, false).epochsToTrain()).as("passes over the subset").isEqualTo(200);
    }

    @Test
    void aScaledFractionCellTrainsEveryPassItsStepsNeed() {
        var spec = new io.equisweep.workers.cell.CellSpec("half", "z2cnn", 28, "upright", 1,
                glyphs(), training(2, 0.5, true),
                new io.equisweep.workers.cell.EvaluationSpec(java.util.List.of(0.0), false));
        var r = io.equisweep.workers.CellRunner.run(spec, Datasets.loader(spec.dataset()),
                io.equisweep.workers.train.EpochFitter.LOCAL);
        assertThat(r.status()).as(r.error()).isEqualTo(io.equisweep.workers.cell.CellStatus.OK);
        assertThat(r.epochs()).extracting(io.equisweep.workers.cell.EpochRecord::epoch).containsExactly(1, 2, 3, 4);
    }

    private static io.equisweep.workers.cell.DatasetSpec glyphs() {
        java.util.Map<String, String> options = new java.util.HashMap<>(new SyntheticGlyphs().optionDefaults());
        options.put("trainSize", "256");
        options.put("validationSize", "32");
        options.put("testSize", "32");
        return new io.equisweep.workers.cell.DatasetSpec("synthetic", options);
    }

    private static io.equisweep.workers.cell.TrainingSpec training(int epochs, double fraction, boolean scale) {
        return new io.equisweep.workers.cell.TrainingSpec(epochs, 64, io.equisweep.workers.cell.Optimizer.ADAM, 0.01, 0,
                1e-5, io.equisweep.workers.cell.LearningRateSchedule.constant(), 0,
                io.equisweep.workers.cell.TrainingMode.SINGLE, 5, fraction, io.equisweep.workers.cell.Augmentation.NONE,
                0, false, true, scale);
    }
}

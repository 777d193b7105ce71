package io.equisweep.workers;

import io.equisweep.workers.cell.Augmentation;
import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.ImageFolderFixtures;
import io.equisweep.workers.data.PcamFixtures;
import io.equisweep.workers.train.EpochFitter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole cells on streamed datasets: gzipped PCam files and an image folder. */
class StreamedCellsTest {
    @TempDir
    Path dir;

    private static TrainingSpec training(int crop, boolean circleCrop) {
        return new TrainingSpec(2, 8, Optimizer.SGD, 0.01, 0.9, 1e-5, LearningRateSchedule.constant(), 0,
                TrainingMode.SINGLE, TrainingSpec.DEFAULT_AVERAGING_FREQUENCY, 1.0, Augmentation.NONE, crop, circleCrop);
    }

    private static CellResult run(String architecture, int inputSize, DatasetSpec dataset, TrainingSpec training) {
        CellSpec cell = new CellSpec("s1", architecture, inputSize, "upright", 1, dataset, training,
                new EvaluationSpec(List.of(0.0, 45.0), false));
        return CellRunner.run(cell, Datasets.loader(dataset), EpochFitter.LOCAL);
    }

    @Test
    void aCellTrainsOnGzippedPcamFilesCroppedAndCircleCropped() throws Exception {
        PcamFixtures.writeSplits(dir, 24, 8, 8, true);
        DatasetSpec dataset = PcamFixtures.spec(dir, Map.of("cacheDir", dir.resolve("cache").toString()));
        CellResult r = run("p4cnn", 16, dataset, training(32, true));
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.epochs()).hasSize(2);
        assertThat(r.epochs().get(1).validationAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.accuracies()).hasSize(5);
    }

    @Test
    void aCellTrainsOnAnImageFolder() throws Exception {
        ImageFolderFixtures.writeTwoClasses(dir, 6);
        DatasetSpec dataset = ImageFolderFixtures.spec(dir, Map.of("validationSize", "2"));
        CellResult r = run("p4cnn", 16, dataset, training(0, false));
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.epochs()).hasSize(2);
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
    }

    @Test
    void aCropLargerThanTheImagesFailsTheCellNamingIt() throws Exception {
        PcamFixtures.writeSplits(dir, 4, 2, 2, false);
        CellResult r = run("p4cnn", 16, PcamFixtures.spec(dir, Map.of()), training(100, false));
        assertThat(r.status()).isEqualTo(CellStatus.FAILED);
        assertThat(r.error()).contains("crop 100 is larger than the dataset's 96×96 images");
    }
}

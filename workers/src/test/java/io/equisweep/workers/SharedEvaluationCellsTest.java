package io.equisweep.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.metrics.TransformedTestSets;
import io.equisweep.workers.train.EpochFitter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cells of one dataset and input size share their transformed test sets, and report the same bits as without. */
class SharedEvaluationCellsTest {
    private final TransformedTestSets shared = TransformedTestSets.shared();
    private final long budget = shared.budget();

    @AfterEach
    void restoreTheBudget() {
        shared.budget(budget);
    }

    private static CellSpec cell(String id, String architecture, String symmetry, long seed, DatasetSpec dataset) {
        TrainingSpec training = CellRunnerTest.training(1, 0.01);
        return new CellSpec(id, architecture, 28, symmetry, seed, dataset, training,
                new EvaluationSpec(List.of(0.0, 30.0, 90.0), true));
    }

    private static CellResult run(CellSpec cell, DatasetSplits splits) {
        CellResult r = CellRunner.run(cell, () -> splits, EpochFitter.LOCAL);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        return r;
    }

    @Test
    void theSecondCellOfADatasetAndSizeRotatesNothingAndEveryCellReportsTheSameAccuracies() {
        DatasetSpec dataset = CellRunnerTest.smallGlyphs();
        DatasetSplits splits = Datasets.loader(dataset).get();
        CellSpec first = cell("a", "z2cnn", "upright", 1, dataset);
        CellSpec second = cell("b", "z2cnn", "uniform", 2, dataset);

        shared.budget(0);
        CellResult firstAlone = run(first, splits);
        CellResult secondAlone = run(second, splits);
        assertThat(shared.bytesHeld()).isZero();

        shared.budget(1L << 30);
        long before = shared.computations();
        CellResult firstShared = run(first, splits);
        // 30°, 180°, 270° and 90° rotated, the four reflections; upright is the test set itself.
        assertThat(shared.computations() - before).isEqualTo(8);
        CellResult secondShared = run(second, splits);
        assertThat(shared.computations() - before).as("transforms computed for the second cell").isEqualTo(8);

        assertThat(firstShared.accuracies()).isEqualTo(firstAlone.accuracies());
        assertThat(secondShared.accuracies()).isEqualTo(secondAlone.accuracies());
        assertThat(secondShared.accuracies()).isNotEqualTo(firstShared.accuracies());
        assertThat(secondShared.summary()).isEqualTo(secondAlone.summary());

        // Another input size is another test set.
        CellSpec resized = new CellSpec("c", "z2cnn", 32, "upright", 1, dataset, first.training(), first.evaluation());
        run(resized, splits);
        assertThat(shared.computations() - before).isEqualTo(16);
    }
}

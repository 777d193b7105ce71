package io.equisweep.driver.spec;

import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.arch.ExactnessAnalysis;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.data.SplitSizes;

/**
 * A rough single-core time estimate for a cell from multiply-adds: training costs about three forward
 * passes per image, evaluation one per image and transform. Used to order cells longest first (so a
 * sweep does not end on one long straggler) and to show an estimate in {@code plan}.
 */
public final class CostModel {
    /**
     * Multiply-adds per second of one core; measured on the development machine with DL4J's built-in
     * layers (z2cnn at 28×28: ~47 images/s training, ~110 images/s inference at one thread).
     */
    static final double MULTIPLY_ADDS_PER_SECOND = 0.8e9;
    /** Images of the training set scored for training accuracy after each epoch (see the trainer). */
    static final int TRAIN_ACCURACY_SUBSET = 500;

    private CostModel() {
    }

    public static double estimateSeconds(CellSpec cell, SplitSizes sizes) {
        long forward = ExactnessAnalysis.forwardMultiplyAdds(Architectures.get(cell.architecture()).layers(),
                cell.inputSize());
        int epochs = cell.training().epochs();
        int transforms = cell.evaluation().angles().size() * (cell.evaluation().flips() ? 2 : 1);
        double images = 3.0 * sizes.train() * epochs
                + (double) (sizes.validation() + Math.min(sizes.train(), TRAIN_ACCURACY_SUBSET)) * epochs
                + (double) sizes.test() * transforms;
        return images * forward / MULTIPLY_ADDS_PER_SECOND;
    }
}

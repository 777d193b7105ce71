package io.equisweep.driver.spec;

import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.arch.ExactnessAnalysis;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.data.SplitSizes;
import io.equisweep.workers.train.Trainer;

/**
 * A rough single-core time estimate for a cell: per image, a fixed overhead plus multiply-adds at a
 * sustained rate, with training costing about three forward passes. Used to order cells longest first
 * (so a sweep does not end on one long straggler) and to show an estimate in {@code plan}.
 *
 * <p>Fitted on the development machine at one thread, batch 64: z2cnn@28 (6.6 M multiply-adds per
 * forward pass) trains ~178 images/s and infers ~1,290; p4cnn@28 (26 M) ~157 and ~700. For these small
 * networks the per-image overhead dominates.
 */
public final class CostModel {
    static final double MULTIPLY_ADDS_PER_SECOND = 20e9;
    static final double TRAIN_OVERHEAD_SECONDS = 4e-3;
    static final double INFER_OVERHEAD_SECONDS = 0.5e-3;

    private CostModel() {
    }

    public static double estimateSeconds(CellSpec cell, SplitSizes sizes) {
        long forward = ExactnessAnalysis.forwardMultiplyAdds(Architectures.get(cell.architecture()).layers(),
                cell.inputSize());
        int epochs = cell.training().epochsToTrain();
        int transforms = cell.evaluation().angles().size() * (cell.evaluation().flips() ? 2 : 1);
        double train = Math.ceil(sizes.train() * cell.training().trainFraction());
        double trained = train * epochs;
        double inferred = (sizes.validation() + Math.min(train, Trainer.TRAIN_ACCURACY_SUBSET)) * epochs
                + (double) sizes.test() * transforms;
        return trained * (TRAIN_OVERHEAD_SECONDS + 3.0 * forward / MULTIPLY_ADDS_PER_SECOND)
                + inferred * (INFER_OVERHEAD_SECONDS + forward / MULTIPLY_ADDS_PER_SECOND);
    }
}

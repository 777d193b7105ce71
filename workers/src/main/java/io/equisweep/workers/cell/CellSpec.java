package io.equisweep.workers.cell;

import java.util.Objects;

/**
 * Everything one sweep cell needs to run, fully resolved: no defaults are applied after this point,
 * so two equal specs describe the same experiment. {@code id} is the content hash the driver computed
 * from all other fields plus the dataset identity.
 */
public record CellSpec(
        String id,
        String architecture,
        int inputSize,
        String symmetry,
        long seed,
        DatasetSpec dataset,
        TrainingSpec training,
        EvaluationSpec evaluation) {

    public CellSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(symmetry, "symmetry");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(evaluation, "evaluation");
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be positive, got " + inputSize);
        }
    }

    /** A short human label, e.g. {@code z2cnn@28 upright seed=1}. */
    public String label() {
        return architecture + "@" + inputSize + " " + symmetry + " seed=" + seed;
    }
}

package io.equisweep.workers.cell;

import java.util.List;

/**
 * Which transformed copies of the test set a cell is scored on, and how often its equivariance is measured.
 *
 * @param angles             rotation angles in degrees, counter-clockwise, the accuracy-vs-angle curve; multiples of
 *                           90 use exact rotations, others bilinear interpolation about the image centre. The four
 *                           exact 90° rotations are scored in any case (for the C4 summary).
 * @param flips              also score the four reflections followed by 0°, 90°, 180°, 270° (the rest of D4)
 * @param equivarianceEvery  the layers' equivariance errors are measured at initialisation, after every this many
 *                           epochs, and after the last; 0 measures at initialisation and after the last epoch only
 */
public record EvaluationSpec(List<Double> angles, boolean flips, int equivarianceEvery) {
    /** The four exact quarter turns. */
    public static final List<Double> DEFAULT_ANGLES = List.of(0.0, 90.0, 180.0, 270.0);
    public static final int DEFAULT_EQUIVARIANCE_EVERY = 1;

    public EvaluationSpec {
        angles = List.copyOf(angles);
        if (angles.isEmpty()) {
            throw new IllegalArgumentException("evaluation needs at least one angle");
        }
        if (equivarianceEvery < 0) {
            throw new IllegalArgumentException("evaluation.equivarianceEvery must be ≥ 0, not " + equivarianceEvery);
        }
    }

    /** Equivariance measured after every epoch. */
    public EvaluationSpec(List<Double> angles, boolean flips) {
        this(angles, flips, DEFAULT_EQUIVARIANCE_EVERY);
    }

    /** Whether the equivariance errors are measured after {@code epoch} (1-based) of {@code epochs}. */
    public boolean measuresEquivarianceAfter(int epoch, int epochs) {
        return epoch == epochs || equivarianceEvery > 0 && epoch % equivarianceEvery == 0;
    }
}

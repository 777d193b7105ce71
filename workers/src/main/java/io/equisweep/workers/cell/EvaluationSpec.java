package io.equisweep.workers.cell;

import java.util.List;

/**
 * Which transformed copies of the test set a cell is scored on.
 *
 * @param angles rotation angles in degrees, counter-clockwise, the accuracy-vs-angle curve; multiples of
 *               90 use exact rotations, others bilinear interpolation about the image centre. The four
 *               exact 90° rotations are scored in any case (for the C4 summary).
 * @param flips  also score the four reflections followed by 0°, 90°, 180°, 270° (the rest of D4)
 */
public record EvaluationSpec(List<Double> angles, boolean flips) {
    /** The four exact quarter turns. */
    public static final List<Double> DEFAULT_ANGLES = List.of(0.0, 90.0, 180.0, 270.0);

    public EvaluationSpec {
        angles = List.copyOf(angles);
        if (angles.isEmpty()) {
            throw new IllegalArgumentException("evaluation needs at least one angle");
        }
    }
}

package io.equisweep.workers.cell;

import java.util.List;

/**
 * Which transformed copies of the test set a cell is scored on.
 *
 * @param angles rotation angles in degrees, counter-clockwise; multiples of 90 use exact rotations,
 *               others bilinear interpolation about the image centre
 * @param flips  also score every angle after a horizontal reflection (the D4 elements at 90° steps)
 */
public record EvaluationSpec(List<Double> angles, boolean flips) {

    public EvaluationSpec {
        angles = List.copyOf(angles);
        if (angles.isEmpty()) {
            throw new IllegalArgumentException("evaluation needs at least one angle");
        }
    }
}

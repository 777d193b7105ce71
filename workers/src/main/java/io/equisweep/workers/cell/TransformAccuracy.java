package io.equisweep.workers.cell;

/**
 * Test accuracy on the test set under one transform.
 *
 * @param transform {@code rotation} or {@code flip-rotation} (reflect, then rotate)
 * @param angle     degrees, counter-clockwise
 */
public record TransformAccuracy(String transform, double angle, double accuracy) {
    public static final String ROTATION = "rotation";
    public static final String FLIP_ROTATION = "flip-rotation";
}

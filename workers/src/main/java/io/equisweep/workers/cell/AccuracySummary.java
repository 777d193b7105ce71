package io.equisweep.workers.cell;

import java.util.List;

/**
 * Summaries of a cell's test accuracies.
 *
 * @param upright       rotation 0°
 * @param meanRotation  mean over the evaluation's rotation angles (the paper's curve, 36 angles by default)
 * @param worstRotation the lowest accuracy over those angles, at {@code worstAngle}
 * @param c4            mean over the four exact 90° rotations (identity included)
 * @param d4            mean over the eight elements of D4, or NaN when reflections were not evaluated
 */
public record AccuracySummary(double upright, double meanRotation, double worstRotation, double worstAngle, double c4,
                              double d4) {

    public static final AccuracySummary NONE = new AccuracySummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    /** Summarises {@code accuracies} given the angles that make up the rotation curve. */
    public static AccuracySummary of(List<TransformAccuracy> accuracies, List<Double> curveAngles) {
        double upright = Double.NaN;
        double curveSum = 0;
        int curveCount = 0;
        double worst = Double.POSITIVE_INFINITY;
        double worstAngle = Double.NaN;
        double c4 = 0;
        int c4Count = 0;
        double flips = 0;
        int flipCount = 0;
        for (TransformAccuracy a : accuracies) {
            boolean quarter = a.angle() % 90 == 0;
            if (TransformAccuracy.ROTATION.equals(a.transform())) {
                if (a.angle() == 0) {
                    upright = a.accuracy();
                }
                if (curveAngles.contains(a.angle())) {
                    curveSum += a.accuracy();
                    curveCount++;
                    if (a.accuracy() < worst) {
                        worst = a.accuracy();
                        worstAngle = a.angle();
                    }
                }
                if (quarter) {
                    c4 += a.accuracy();
                    c4Count++;
                }
            } else if (quarter) {
                flips += a.accuracy();
                flipCount++;
            }
        }
        return new AccuracySummary(upright, curveCount == 0 ? Double.NaN : curveSum / curveCount,
                curveCount == 0 ? Double.NaN : worst, worstAngle, c4Count == 4 ? c4 / 4 : Double.NaN,
                c4Count == 4 && flipCount == 4 ? (c4 + flips) / 8 : Double.NaN);
    }
}

package io.equisweep.workers.cell;

/**
 * How the learning rate changes over epochs.
 *
 * @param type   {@code constant} or {@code step}
 * @param factor for {@code step}: the multiplier applied every {@code every} epochs (e.g. 0.5)
 * @param every  for {@code step}: the period in epochs
 */
public record LearningRateSchedule(String type, double factor, int every) {

    public static final String CONSTANT = "constant";
    public static final String STEP = "step";

    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(CONSTANT, 1.0, 1);
    }

    public static LearningRateSchedule step(double factor, int every) {
        return new LearningRateSchedule(STEP, factor, every);
    }

    public LearningRateSchedule {
        if (!CONSTANT.equals(type) && !STEP.equals(type)) {
            throw new IllegalArgumentException("unknown schedule type '" + type + "'; valid: constant, step");
        }
        if (STEP.equals(type) && (every < 1 || !(factor > 0))) {
            throw new IllegalArgumentException("step schedule needs every >= 1 and factor > 0");
        }
    }

    /** The learning rate during {@code epoch} (0-based) given the initial rate. */
    public double rateAt(double initial, int epoch) {
        return STEP.equals(type) ? initial * Math.pow(factor, epoch / every) : initial;
    }

    @Override
    public String toString() {
        return STEP.equals(type) ? "step(x" + factor + "/" + every + ")" : CONSTANT;
    }
}

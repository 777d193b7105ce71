package io.equisweep.workers.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warm-up in front of another schedule: iteration i below {@code steps} gets (i + 1) / {@code steps} of
 * {@code then}'s value, later iterations all of it (the paper's ImageNet warm-up, per minibatch).
 */
public final class WarmupSchedule implements ISchedule {
    @JsonProperty
    private final ISchedule then;
    @JsonProperty
    private final int steps;

    public WarmupSchedule(@JsonProperty("then") ISchedule then, @JsonProperty("steps") int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("warm-up needs steps >= 1, got " + steps);
        }
        this.then = java.util.Objects.requireNonNull(then, "then");
        this.steps = steps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double value = then.valueAt(iteration, epoch);
        return iteration < steps ? value * ((iteration + 1) / (double) steps) : value;
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(then.clone(), steps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupSchedule w && w.steps == steps && w.then.equals(then);
    }

    @Override
    public int hashCode() {
        return 31 * then.hashCode() + steps;
    }

    @Override
    public String toString() {
        return "WarmupSchedule(" + steps + ", " + then + ")";
    }
}

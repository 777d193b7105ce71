package io.equisweep.workers.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One cycle of PyTorch's OneCycleLR (two phases, cosine annealing) over optimiser iterations: {@code initialValue}
 * at iteration 0, {@code peakValue} at {@code peakStep}, {@code finalValue} at {@code lastStep} and after. PyTorch's
 * phase boundaries: {@code peakStep = pct_start · total − 1}, {@code lastStep = total − 1}; within a phase the value
 * is {@code end + (start − end) / 2 · (cos(π · pct) + 1)}. Used for the learning rate and, inversely, for the momentum.
 */
public final class OneCycleSchedule implements ISchedule {
    @JsonProperty
    private final double initialValue;
    @JsonProperty
    private final double peakValue;
    @JsonProperty
    private final double finalValue;
    @JsonProperty
    private final double peakStep;
    @JsonProperty
    private final double lastStep;

    public OneCycleSchedule(@JsonProperty("initialValue") double initialValue, @JsonProperty("peakValue") double peakValue,
                            @JsonProperty("finalValue") double finalValue, @JsonProperty("peakStep") double peakStep,
                            @JsonProperty("lastStep") double lastStep) {
        if (!(lastStep > peakStep)) {
            throw new IllegalArgumentException("one cycle needs lastStep > peakStep, got " + lastStep + " and " + peakStep);
        }
        this.initialValue = initialValue;
        this.peakValue = peakValue;
        this.finalValue = finalValue;
        this.peakStep = peakStep;
        this.lastStep = lastStep;
    }

    /** PyTorch's schedule for {@code total} iterations with {@code pctStart} of them rising. */
    public static OneCycleSchedule of(double initial, double peak, double last, double pctStart, long total) {
        return new OneCycleSchedule(initial, peak, last, pctStart * total - 1, total - 1);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double step = Math.min(iteration, lastStep);
        if (step <= peakStep) {
            return anneal(initialValue, peakValue, peakStep > 0 ? step / peakStep : 1);
        }
        return anneal(peakValue, finalValue, (step - peakStep) / (lastStep - peakStep));
    }

    private static double anneal(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    @Override
    public ISchedule clone() {
        return new OneCycleSchedule(initialValue, peakValue, finalValue, peakStep, lastStep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneCycleSchedule s && s.initialValue == initialValue && s.peakValue == peakValue
                && s.finalValue == finalValue && s.peakStep == peakStep && s.lastStep == lastStep;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(initialValue, peakValue, finalValue, peakStep, lastStep);
    }

    @Override
    public String toString() {
        return "OneCycleSchedule(" + initialValue + " -> " + peakValue + " @" + peakStep + " -> " + finalValue + " @" + lastStep + ")";
    }
}

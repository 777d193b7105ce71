package io.equisweep.workers.train;

import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.LearningRateSchedule.Constant;
import io.equisweep.workers.cell.LearningRateSchedule.MultiStep;
import io.equisweep.workers.cell.LearningRateSchedule.OneCycle;
import io.equisweep.workers.cell.LearningRateSchedule.Step;
import io.equisweep.workers.cell.LearningRateSchedule.Warmup;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * A cell's {@link LearningRateSchedule} as the updater's per-iteration schedule, iterations counted from 0 over the
 * whole training ({@code stepsPerEpoch} minibatches per epoch, the last one possibly partial, as PyTorch's
 * {@code len(loader)}).
 */
public final class Schedules {
    private Schedules() {
    }

    /** The learning rate of every optimiser step, {@code rate} being the spec's learning rate. */
    public static ISchedule learningRate(LearningRateSchedule schedule, double rate, int stepsPerEpoch, int epochs) {
        if (schedule instanceof Constant) {
            return new FixedSchedule(rate);
        }
        if (schedule instanceof Step s) {
            return new StepSchedule(ScheduleType.ITERATION, rate, s.factor(), (double) s.every() * stepsPerEpoch);
        }
        if (schedule instanceof MultiStep m) {
            Map<Integer, Double> values = new HashMap<>();
            values.put(0, rate);
            for (int k = 0; k < m.milestones().size(); k++) {
                values.put(iterations(m.milestones().get(k), stepsPerEpoch), rate * Math.pow(m.gamma(), k + 1));
            }
            return new MapSchedule(ScheduleType.ITERATION, values);
        }
        if (schedule instanceof OneCycle c) {
            double initial = rate / c.divFactor();
            return OneCycleSchedule.of(initial, rate, initial / c.finalDivFactor(), c.pctStart(),
                    (long) stepsPerEpoch * epochs);
        }
        Warmup w = (Warmup) schedule;
        return new WarmupSchedule(learningRate(w.then(), rate, stepsPerEpoch, epochs), iterations(w.epochs(), stepsPerEpoch));
    }

    /**
     * The momentum (Adam's β1) of every step where the schedule sets it: one-cycle with {@code cycleMomentum}
     * cycles it 0.95 → 0.85 → 0.95 against the rate; {@code null} elsewhere (the optimiser's own value holds).
     */
    public static ISchedule momentum(LearningRateSchedule schedule, int stepsPerEpoch, int epochs) {
        LearningRateSchedule s = schedule instanceof Warmup w ? w.then() : schedule;
        if (s instanceof OneCycle c && c.cycleMomentum()) {
            return OneCycleSchedule.of(OneCycle.MAX_MOMENTUM, OneCycle.BASE_MOMENTUM, OneCycle.MAX_MOMENTUM, c.pctStart(),
                    (long) stepsPerEpoch * epochs);
        }
        return null;
    }

    private static int iterations(int epochs, int stepsPerEpoch) {
        try {
            return Math.multiplyExact(epochs, stepsPerEpoch);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(epochs + " epochs of " + stepsPerEpoch + " minibatches exceed DL4J's iteration count");
        }
    }
}

package io.equisweep.workers.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adam whose β1 follows a schedule, as PyTorch's OneCycleLR drives Adam's {@code betas[0]} (DL4J's Adam takes a
 * fixed β1). The bias correction uses each step's β1, as PyTorch's Adam does. β2 and ε are Adam's defaults.
 */
public final class Beta1ScheduledAdam extends Adam {
    @JsonProperty
    private ISchedule beta1Schedule;

    /** For DL4J's JSON configuration. */
    public Beta1ScheduledAdam() {
    }

    public Beta1ScheduledAdam(ISchedule learningRate, ISchedule beta1) {
        super(learningRate);
        this.beta1Schedule = Objects.requireNonNull(beta1, "beta1");
    }

    public ISchedule getBeta1Schedule() {
        return beta1Schedule;
    }

    public void setBeta1Schedule(ISchedule beta1Schedule) {
        this.beta1Schedule = beta1Schedule;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = flat.shape().clone();
        gradientShape[0] /= 2;
        u.setStateViewArray(flat, gradientShape, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater u = new Updater(this);
        u.setState(state, initialize);
        return u;
    }

    @Override
    public Beta1ScheduledAdam clone() {
        Beta1ScheduledAdam c = new Beta1ScheduledAdam(getLearningRateSchedule() == null ? null
                : getLearningRateSchedule().clone(), beta1Schedule.clone());
        c.setLearningRate(getLearningRate());
        c.setBeta1(getBeta1());
        c.setBeta2(getBeta2());
        c.setEpsilon(getEpsilon());
        return c;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Beta1ScheduledAdam;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof Beta1ScheduledAdam a && Objects.equals(beta1Schedule, a.beta1Schedule);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(beta1Schedule);
    }

    /** DL4J's Adam step (the same native op) with this iteration's β1. */
    private static final class Updater extends AdamUpdater {
        Updater(Beta1ScheduledAdam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (getM() == null || getV() == null) {
                throw new IllegalStateException("Updater has not been initialized with view state");
            }
            Beta1ScheduledAdam c = (Beta1ScheduledAdam) getConfig();
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient.reshape(getV().shape()), getV(),
                    getM(), c.getLearningRate(iteration, epoch), c.beta1Schedule.valueAt(iteration, epoch), c.getBeta2(),
                    c.getEpsilon(), iteration));
        }
    }
}

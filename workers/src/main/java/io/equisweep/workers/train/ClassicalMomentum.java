package io.equisweep.workers.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SGD with classical (heavy-ball) momentum as PyTorch's {@code SGD(momentum=μ)} defines it (dampening 0, not
 * Nesterov): {@code buf ← μ·buf + g}, {@code p ← p − lr·buf}, the buffer starting at zero so that the first step's
 * is {@code g}. DL4J has only Nesterov momentum. Learning rate and momentum are schedules, read at every step.
 * Weight decay is DL4J's L2, added to {@code g} before the updater sees it, so the buffer holds it as PyTorch's does.
 */
public final class ClassicalMomentum implements IUpdater {
    @JsonProperty
    private ISchedule learningRateSchedule;
    @JsonProperty
    private ISchedule momentumSchedule;

    /** For DL4J's JSON configuration. */
    public ClassicalMomentum() {
    }

    public ClassicalMomentum(ISchedule learningRate, ISchedule momentum) {
        this.learningRateSchedule = Objects.requireNonNull(learningRate, "learningRate");
        this.momentumSchedule = Objects.requireNonNull(momentum, "momentum");
    }

    public ClassicalMomentum(ISchedule learningRate, double momentum) {
        this(learningRate, new FixedSchedule(momentum));
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public ISchedule getMomentumSchedule() {
        return momentumSchedule;
    }

    public double momentum(int iteration, int epoch) {
        return momentumSchedule.valueAt(iteration, epoch);
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater u = new Updater(this);
        u.setState(state, initialize);
        return u;
    }

    @Override
    public ClassicalMomentum clone() {
        return new ClassicalMomentum(learningRateSchedule.clone(), momentumSchedule.clone());
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        learningRateSchedule = lrSchedule != null ? lrSchedule : new FixedSchedule(lr);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassicalMomentum c && Objects.equals(learningRateSchedule, c.learningRateSchedule)
                && Objects.equals(momentumSchedule, c.momentumSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateSchedule, momentumSchedule);
    }

    @Override
    public String toString() {
        return "ClassicalMomentum(lr=" + learningRateSchedule + ", momentum=" + momentumSchedule + ")";
    }

    /** The step on one block of parameters; its state is the momentum buffer, one value per parameter. */
    private static final class Updater implements GradientUpdater<ClassicalMomentum> {
        static final String BUFFER = "momentumBuffer";
        private final ClassicalMomentum config;
        private INDArray buffer;

        Updater(ClassicalMomentum config) {
            this.config = config;
        }

        @Override
        public ClassicalMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            if (state == null || state.size() != 1 || !state.containsKey(BUFFER)) {
                throw new IllegalStateException("ClassicalMomentum's state is one array '" + BUFFER + "', got "
                        + (state == null ? null : state.keySet()));
            }
            buffer = state.get(BUFFER);
            if (initialize) {
                buffer.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(BUFFER, buffer);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            buffer = viewArray.reshape(gradientOrder, gradientShape);
        }

        /** {@code buf ← μ·buf + g}, then the gradient becomes the update {@code lr·buf} that DL4J subtracts. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (buffer == null) {
                throw new IllegalStateException("Updater has not been initialized with view state");
            }
            INDArray g = gradient.reshape(buffer.shape());
            Nd4j.exec(new Axpy(buffer, g, buffer, config.momentum(iteration, epoch)));
            buffer.mul(config.getLearningRate(iteration, epoch), g);
        }
    }
}

package io.equisweep.workers.cell;

import java.util.List;

/**
 * How the learning rate changes during training, as PyTorch's schedulers define it: {@link Constant},
 * {@link Step} (StepLR), {@link MultiStep} (MultiStepLR), {@link OneCycle} (OneCycleLR, stepped every minibatch),
 * each optionally after a linear {@link Warmup}. The trainer turns a schedule into the updater's per-iteration
 * schedule ({@code train.Schedules}).
 */
public sealed interface LearningRateSchedule {
    String CONSTANT = "constant";
    String STEP = "step";
    String MULTISTEP = "multistep";
    String ONECYCLE = "onecycle";
    List<String> TYPES = List.of(CONSTANT, STEP, MULTISTEP, ONECYCLE);

    /** The spec name of the schedule (of the one after the warm-up, for {@link Warmup}). */
    String type();

    static Constant constant() {
        return new Constant();
    }

    static Step step(double factor, int every) {
        return new Step(factor, every);
    }

    static MultiStep multiStep(List<Integer> milestones, double gamma) {
        return new MultiStep(milestones, gamma);
    }

    /** PyTorch's OneCycleLR defaults: pct_start 0.3, div_factor 25, final_div_factor 1e4, cycled momentum. */
    static OneCycle oneCycle() {
        return new OneCycle(OneCycle.DEFAULT_PCT_START, OneCycle.DEFAULT_DIV_FACTOR, OneCycle.DEFAULT_FINAL_DIV_FACTOR, true);
    }

    /** This schedule after {@code epochs} of linear warm-up (0: this schedule alone). */
    default LearningRateSchedule withWarmup(int epochs) {
        return epochs == 0 ? this : new Warmup(epochs, this);
    }

    /** The learning rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public String type() {
            return CONSTANT;
        }

        @Override
        public String toString() {
            return CONSTANT;
        }
    }

    /** The rate times {@code factor} every {@code every} epochs (StepLR with step_size {@code every}, gamma {@code factor}). */
    record Step(double factor, int every) implements LearningRateSchedule {
        public Step {
            if (every < 1 || !(factor > 0)) {
                throw new IllegalArgumentException("step schedule needs every >= 1 and factor > 0");
            }
        }

        @Override
        public String type() {
            return STEP;
        }

        @Override
        public String toString() {
            return "step(x" + factor + "/" + every + ")";
        }
    }

    /** The rate times {@code gamma} at the start of each milestone epoch (0-based; MultiStepLR stepped per epoch). */
    record MultiStep(List<Integer> milestones, double gamma) implements LearningRateSchedule {
        public MultiStep {
            milestones = List.copyOf(milestones);
            if (milestones.isEmpty() || !(gamma > 0)) {
                throw new IllegalArgumentException("multistep schedule needs at least one milestone and gamma > 0");
            }
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) < 1 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                    throw new IllegalArgumentException("multistep milestones must be increasing epochs >= 1, got " + milestones);
                }
            }
        }

        @Override
        public String type() {
            return MULTISTEP;
        }

        @Override
        public String toString() {
            return "multistep(x" + gamma + "@" + String.join(",", milestones.stream().map(String::valueOf).toList()) + ")";
        }
    }

    /**
     * PyTorch's OneCycleLR (two phases, cosine annealing) with the spec's learning rate as {@code max_lr}, over every
     * minibatch of the cell: from max/{@code divFactor} up to max during the first {@code pctStart} of the steps, then
     * down to max/({@code divFactor}·{@code finalDivFactor}).
     *
     * @param cycleMomentum PyTorch's {@code cycle_momentum}: Adam's β1 (SGD's momentum) goes 0.95 → 0.85 → 0.95,
     *                      inversely to the rate, replacing the configured value
     */
    record OneCycle(double pctStart, double divFactor, double finalDivFactor, boolean cycleMomentum)
            implements LearningRateSchedule {
        public static final double DEFAULT_PCT_START = 0.3;
        public static final double DEFAULT_DIV_FACTOR = 25;
        public static final double DEFAULT_FINAL_DIV_FACTOR = 1e4;
        /** PyTorch's {@code max_momentum} and {@code base_momentum}. */
        public static final double MAX_MOMENTUM = 0.95;
        public static final double BASE_MOMENTUM = 0.85;

        public OneCycle {
            if (!(pctStart > 0 && pctStart < 1) || !(divFactor >= 1) || !(finalDivFactor >= 1)) {
                throw new IllegalArgumentException("onecycle needs 0 < pctStart < 1, divFactor >= 1, finalDivFactor >= 1");
            }
        }

        @Override
        public String type() {
            return ONECYCLE;
        }

        /** {@code onecycle}, with the settings that differ from PyTorch's defaults. */
        @Override
        public String toString() {
            List<String> changed = new java.util.ArrayList<>();
            if (pctStart != DEFAULT_PCT_START) {
                changed.add("pctStart=" + pctStart);
            }
            if (divFactor != DEFAULT_DIV_FACTOR) {
                changed.add("divFactor=" + divFactor);
            }
            if (finalDivFactor != DEFAULT_FINAL_DIV_FACTOR) {
                changed.add("finalDivFactor=" + finalDivFactor);
            }
            if (!cycleMomentum) {
                changed.add("cycleMomentum=false");
            }
            return changed.isEmpty() ? ONECYCLE : ONECYCLE + "(" + String.join(",", changed) + ")";
        }
    }

    /**
     * {@code then}'s rate scaled linearly over the first {@code epochs}, per minibatch: step i (0-based, counted over
     * the epochs) gets (i + 1) / (epochs · steps per epoch) of it, as the paper's ImageNet training does.
     */
    record Warmup(int epochs, LearningRateSchedule then) implements LearningRateSchedule {
        public Warmup {
            java.util.Objects.requireNonNull(then, "then");
            if (epochs < 1 || then instanceof Warmup) {
                throw new IllegalArgumentException("a warm-up needs epochs >= 1 and a schedule without warm-up");
            }
        }

        @Override
        public String type() {
            return then.type();
        }

        @Override
        public LearningRateSchedule withWarmup(int warmup) {
            return then.withWarmup(warmup);
        }

        @Override
        public String toString() {
            return "warmup" + epochs + "+" + then;
        }
    }
}

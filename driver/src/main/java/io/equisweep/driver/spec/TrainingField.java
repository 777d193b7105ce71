package io.equisweep.driver.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of the {@code training} section. Each can also be a grid axis: {@code grid: {learningRate:
 * [0.01, 0.001]}} sweeps it. Defaults are the paper's MNIST protocol.
 */
public enum TrainingField {
    EPOCHS("epochs"),
    BATCH_SIZE("batchSize"),
    OPTIMIZER("optimizer"),
    LEARNING_RATE("learningRate"),
    MOMENTUM("momentum"),
    WEIGHT_DECAY("weightDecay"),
    SCHEDULE("schedule"),
    DROPOUT("dropout"),
    MODE("mode"),
    AVERAGING_FREQUENCY("averagingFrequency");

    /** Adam, lr 0.01, weight decay 1e-5, ×0.5 every 10 epochs, batch 256, 50 epochs, dropout 0.3. */
    public static final TrainingSpec PAPER_DEFAULTS = new TrainingSpec(50, 256, Optimizer.ADAM, 0.01, 0.9, 1e-5,
            LearningRateSchedule.step(0.5, 10), 0.3);

    private final String key;

    TrainingField(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<TrainingField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(TrainingField::key).toList();
    }

    /** Reads one value of this field; {@code null} (with a recorded problem) when unusable. */
    Object read(SpecValues v, JsonNode node, String path) {
        return switch (this) {
            case EPOCHS -> toInt(v.integer(node, path, 1, 100_000));
            case BATCH_SIZE -> toInt(v.integer(node, path, 1, 1_000_000));
            case OPTIMIZER -> named(v, node, path, Optimizer::fromSpecName);
            case LEARNING_RATE -> v.number(node, path, 0, 10, true, false);
            case MOMENTUM -> v.number(node, path, 0, 1, false, true);
            case WEIGHT_DECAY -> v.number(node, path, 0, 1, false, false);
            case DROPOUT -> v.number(node, path, 0, 1, false, true);
            case SCHEDULE -> readSchedule(v, node, path);
            case MODE -> named(v, node, path, TrainingMode::fromSpecName);
            case AVERAGING_FREQUENCY -> toInt(v.integer(node, path, 1, 10_000));
        };
    }

    TrainingSpec apply(TrainingSpec t, Object value) {
        return switch (this) {
            case EPOCHS -> new TrainingSpec((Integer) value, t.batchSize(), t.optimizer(), t.learningRate(),
                    t.momentum(), t.weightDecay(), t.schedule(), t.dropout(), t.mode(), t.averagingFrequency());
            case BATCH_SIZE -> new TrainingSpec(t.epochs(), (Integer) value, t.optimizer(), t.learningRate(),
                    t.momentum(), t.weightDecay(), t.schedule(), t.dropout(), t.mode(), t.averagingFrequency());
            case OPTIMIZER -> new TrainingSpec(t.epochs(), t.batchSize(), (Optimizer) value, t.learningRate(),
                    t.momentum(), t.weightDecay(), t.schedule(), t.dropout(), t.mode(), t.averagingFrequency());
            case LEARNING_RATE -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), (Double) value,
                    t.momentum(), t.weightDecay(), t.schedule(), t.dropout(), t.mode(), t.averagingFrequency());
            case MOMENTUM -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(),
                    (Double) value, t.weightDecay(), t.schedule(), t.dropout(), t.mode(), t.averagingFrequency());
            case WEIGHT_DECAY -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(),
                    t.momentum(), (Double) value, t.schedule(), t.dropout(), t.mode(), t.averagingFrequency());
            case SCHEDULE -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(),
                    t.momentum(), t.weightDecay(), (LearningRateSchedule) value, t.dropout(), t.mode(),
                    t.averagingFrequency());
            case MODE -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(), t.momentum(),
                    t.weightDecay(), t.schedule(), t.dropout(), (TrainingMode) value, t.averagingFrequency());
            case AVERAGING_FREQUENCY -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(),
                    t.momentum(), t.weightDecay(), t.schedule(), t.dropout(), t.mode(), (Integer) value);
            case DROPOUT -> new TrainingSpec(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(),
                    t.momentum(), t.weightDecay(), t.schedule(), (Double) value, t.mode(), t.averagingFrequency());
        };
    }

    /** A name looked up by {@code byName}, whose IllegalArgumentException (listing the valid names) becomes the problem. */
    private static <T> T named(SpecValues v, JsonNode node, String path, java.util.function.Function<String, T> byName) {
        String name = v.string(node, path);
        if (name == null) {
            return null;
        }
        try {
            return byName.apply(name);
        } catch (IllegalArgumentException e) {
            v.problem(path, e.getMessage());
            return null;
        }
    }

    private static Integer toInt(Long v) {
        return v == null ? null : v.intValue();
    }

    private static LearningRateSchedule readSchedule(SpecValues v, JsonNode node, String path) {
        if (node.isTextual() && LearningRateSchedule.CONSTANT.equals(node.textValue())) {
            return LearningRateSchedule.constant();
        }
        if (!node.isObject()) {
            v.problem(path, "expected 'constant' or a mapping {type: step, factor: 0.5, every: 10}, found "
                    + SpecValues.describe(node));
            return null;
        }
        v.onlyKeys(node, path, List.of("type", "factor", "every"));
        JsonNode type = node.get("type");
        if (type == null) {
            v.problem(SpecValues.child(path, "type"), "missing; valid: constant, step");
            return null;
        }
        String t = v.string(type, SpecValues.child(path, "type"));
        if (LearningRateSchedule.CONSTANT.equals(t)) {
            return LearningRateSchedule.constant();
        }
        if (!LearningRateSchedule.STEP.equals(t)) {
            if (t != null) {
                v.problem(SpecValues.child(path, "type"), "unknown schedule '" + t + "'; valid: constant, step");
            }
            return null;
        }
        JsonNode factor = node.get("factor");
        JsonNode every = node.get("every");
        Double f = factor == null ? Double.valueOf(0.5) : v.number(factor, SpecValues.child(path, "factor"), 0, 1, true, false);
        Long e = every == null ? Long.valueOf(10) : v.integer(every, SpecValues.child(path, "every"), 1, 100_000);
        return f == null || e == null ? null : LearningRateSchedule.step(f, e.intValue());
    }
}

package io.equisweep.driver.spec;

import static io.equisweep.driver.spec.CellField.InId.ALWAYS;
import static io.equisweep.driver.spec.CellField.InId.UNLESS_DEFAULT;
import static io.equisweep.driver.spec.CellField.InId.WHEN_APPLICABLE;

import io.equisweep.driver.spec.CellField.Condition;
import io.equisweep.driver.spec.CellField.InId;
import io.equisweep.driver.spec.CellField.Reader;
import io.equisweep.driver.spec.CellField.Section;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.symmetry.DataSymmetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Every field of a cell, declared once (see {@link CellField}). Adding a training setting is a component of
 * {@link TrainingSpec} (which the workers read) plus one declaration here; everything else is derived.
 */
public final class CellFields {
    private CellFields() {
    }

    public static final CellField<String> ARCHITECTURE = field("architecture", Section.GRID, "architecture",
            String.class, CellFields::readArchitecture, null, ALWAYS, Condition.ALWAYS, "architecture",
            DataTypes.StringType, Function.identity(), Function.identity());
    public static final CellField<Integer> INPUT_SIZE = field("inputSize", Section.GRID, "inputSize", Integer.class,
            integer(1, 4096), null, ALWAYS, Condition.ALWAYS, "input_size", DataTypes.IntegerType,
            Function.identity(), Function.identity());
    public static final CellField<String> SYMMETRY = field("symmetry", Section.GRID, "symmetry", String.class,
            CellFields::readSymmetry, "upright", ALWAYS, Condition.ALWAYS, "symmetry", DataTypes.StringType,
            Function.identity(), Function.identity());
    public static final CellField<Long> SEED = field("seed", Section.GRID, "seed", Long.class,
            (v, n, p) -> v.integer(n, p, 0, Long.MAX_VALUE), 1L, ALWAYS, Condition.ALWAYS, "seed", DataTypes.LongType,
            Function.identity(), Function.identity());

    /** The paper's MNIST protocol: 50 epochs, batch 256, Adam lr 0.01, weight decay 1e-5, ×0.5 every 10 epochs, dropout 0.3. */
    public static final CellField<Integer> EPOCHS = training("epochs", Integer.class, integer(1, 100_000), 50, ALWAYS,
            Condition.ALWAYS, "epochs", DataTypes.IntegerType, Function.identity(), Function.identity());
    public static final CellField<Integer> BATCH_SIZE = training("batchSize", Integer.class, integer(1, 1_000_000), 256,
            ALWAYS, Condition.ALWAYS, "batch_size", DataTypes.IntegerType, Function.identity(), Function.identity());
    public static final CellField<Optimizer> OPTIMIZER = training("optimizer", Optimizer.class,
            named(Optimizer::fromSpecName), Optimizer.ADAM, ALWAYS, Condition.ALWAYS, "optimizer", DataTypes.StringType,
            Optimizer::specName, Optimizer::specName);
    public static final CellField<Double> LEARNING_RATE = training("learningRate", Double.class,
            (v, n, p) -> v.number(n, p, 0, 10, true, false), 0.01, ALWAYS, Condition.ALWAYS, "learning_rate",
            DataTypes.DoubleType, Function.identity(), CellFields::num);
    private static final Condition SGD_ONLY = new Condition("training.optimizer", Optimizer.SGD.specName(),
            c -> c.training().optimizer().specName());
    /** Adam ignores it; it stays in every id because ids were hashed with it before applicability was declared. */
    public static final CellField<Double> MOMENTUM = training("momentum", Double.class,
            (v, n, p) -> v.number(n, p, 0, 1, false, true), 0.9, ALWAYS, SGD_ONLY, "momentum",
            DataTypes.DoubleType, Function.identity(), CellFields::num);
    public static final CellField<Double> WEIGHT_DECAY = training("weightDecay", Double.class,
            (v, n, p) -> v.number(n, p, 0, 1, false, false), 1e-5, ALWAYS, Condition.ALWAYS, "weight_decay",
            DataTypes.DoubleType, Function.identity(), CellFields::num);
    public static final CellField<LearningRateSchedule> SCHEDULE = training("schedule", LearningRateSchedule.class,
            SpecSections::readSchedule, LearningRateSchedule.step(0.5, 10), ALWAYS, Condition.ALWAYS, "schedule",
            DataTypes.StringType, LearningRateSchedule::toString, CellFields::canonicalSchedule);
    public static final CellField<Double> DROPOUT = training("dropout", Double.class,
            (v, n, p) -> v.number(n, p, 0, 1, false, true), 0.3, ALWAYS, Condition.ALWAYS, "dropout",
            DataTypes.DoubleType, Function.identity(), CellFields::num);
    /** Enters the id only when data-parallel: single-task cells keep the ids they had before the mode existed. */
    public static final CellField<TrainingMode> MODE = training("mode", TrainingMode.class,
            named(TrainingMode::fromSpecName), TrainingMode.SINGLE, UNLESS_DEFAULT, Condition.ALWAYS, "training_mode",
            DataTypes.StringType, TrainingMode::specName, TrainingMode::specName);
    public static final CellField<Integer> AVERAGING_FREQUENCY = training("averagingFrequency", Integer.class,
            integer(1, 10_000), TrainingSpec.DEFAULT_AVERAGING_FREQUENCY, WHEN_APPLICABLE,
            new Condition("training.mode", TrainingMode.DATA_PARALLEL.specName(),
                    c -> c.training().mode().specName()),
            "averaging_frequency", DataTypes.IntegerType, Function.identity(), Function.identity());

    /** The paper's {@code --split}: in the id only when below 1, so every earlier id stays. */
    public static final CellField<Double> TRAIN_FRACTION = training("trainFraction", Double.class,
            (v, n, p) -> v.number(n, p, 0, 1, true, false), 1.0, UNLESS_DEFAULT, Condition.ALWAYS, "train_fraction",
            DataTypes.DoubleType, Function.identity(), CellFields::num);

    /**
     * Random crop (padded or resized) and flip of the training images (the paper's CIFAR, Flowers-102 and ImageNet
     * pipelines); in the id only when on, {@code resizedCrop} only when set, so every earlier id stays.
     */
    public static final CellField<Augmentation> AUGMENTATION = training("augmentation", Augmentation.class,
            SpecSections::readAugmentation, Augmentation.NONE, UNLESS_DEFAULT, Condition.ALWAYS, "augmentation",
            DataTypes.StringType, Augmentation::toString, CellFields::canonicalAugmentation);
    /** The paper's PCam {@code --crop}: the centre k × k patch, resized to the input size (0: none); in the id only when set. */
    public static final CellField<Integer> CROP = training("crop", Integer.class, integer(0, 4096), 0, UNLESS_DEFAULT,
            Condition.ALWAYS, "crop", DataTypes.IntegerType, Function.identity(), Function.identity());
    /** The paper's PCam {@code --circle-crop}: zero outside the inscribed circle; in the id only when set. */
    public static final CellField<Boolean> CIRCLE_CROP = training("circleCrop", Boolean.class, (v, n, p) -> v.bool(n, p),
            false, UNLESS_DEFAULT, Condition.ALWAYS, "circle_crop", DataTypes.BooleanType, Function.identity(),
            Function.identity());

    /**
     * SGD's momentum: Nesterov (DL4J's, as every cell had before this setting) or, when false, PyTorch's classical
     * {@code SGD(momentum=μ)}. In the id only for an sgd cell that sets it false, so every earlier id stays.
     */
    public static final CellField<Boolean> NESTEROV = training("nesterov", Boolean.class, (v, n, p) -> v.bool(n, p),
            true, UNLESS_DEFAULT, SGD_ONLY, "nesterov", DataTypes.BooleanType, Function.identity(), Function.identity());

    /**
     * The paper's {@code --split} also trains ⌈epochs / split⌉ epochs: the same steps on fewer images. In the id only
     * where it applies (a fraction below 1) and is set.
     */
    public static final CellField<Boolean> SCALE_EPOCHS = training("scaleEpochs", Boolean.class,
            (v, n, p) -> v.bool(n, p), false, UNLESS_DEFAULT,
            new Condition("training.trainFraction", "below 1", c -> c.training().trainFraction() < 1 ? "below 1" : "1"),
            "scale_epochs", DataTypes.BooleanType, Function.identity(), Function.identity());

    /** The test transforms: a list of angles, or {@code {step: 10}} for 0°, 10°, …, 350°. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final CellField<List<Double>> EVAL_ANGLES = new CellField<>("angles", Section.EVALUATION,
            "evaluation.angles", (Class<List<Double>>) (Class) List.class, SpecSections::readAngles,
            EvaluationSpec.DEFAULT_ANGLES, false, ALWAYS, Condition.ALWAYS, "eval_angles", DataTypes.StringType,
            angles -> angles.stream().map(CellFields::angle).collect(Collectors.joining(",")),
            angles -> angles.stream().map(CellFields::num).toList());
    public static final CellField<Boolean> EVAL_FLIPS = new CellField<>("flips", Section.EVALUATION,
            "evaluation.flips", Boolean.class, (v, n, p) -> v.bool(n, p), false, false, ALWAYS, Condition.ALWAYS,
            "eval_flips", DataTypes.BooleanType, Function.identity(), Function.identity());
    /**
     * How often the layers' equivariance is measured during training (0: at initialisation and after the last epoch
     * only). In the id only when not the default: cells stored before it existed keep their ids (they hold the
     * errors at initialisation and after training only).
     */
    public static final CellField<Integer> EVAL_EQUIVARIANCE_EVERY = new CellField<>("equivarianceEvery",
            Section.EVALUATION, "evaluation.equivarianceEvery", Integer.class, integer(0, 100_000),
            EvaluationSpec.DEFAULT_EQUIVARIANCE_EVERY, false, UNLESS_DEFAULT, Condition.ALWAYS, "equivariance_every",
            DataTypes.IntegerType, Function.identity(), Function.identity());

    /** Every field, in the order of the grid's axes (the last varies fastest) and of the {@code cells} columns. */
    public static final List<CellField<?>> ALL = List.of(ARCHITECTURE, INPUT_SIZE, SYMMETRY, SEED, EPOCHS, BATCH_SIZE,
            OPTIMIZER, LEARNING_RATE, MOMENTUM, WEIGHT_DECAY, SCHEDULE, DROPOUT, MODE, AVERAGING_FREQUENCY, TRAIN_FRACTION,
            AUGMENTATION, CROP, CIRCLE_CROP, NESTEROV, SCALE_EPOCHS, EVAL_ANGLES,
            EVAL_FLIPS, EVAL_EQUIVARIANCE_EVERY);

    /** {@link TrainingSpec} from every training field's default, in the record's component order. */
    public static final TrainingSpec PAPER_DEFAULTS = defaults(TrainingSpec.class, Section.TRAINING);
    public static final EvaluationSpec DEFAULT_EVALUATION = defaults(EvaluationSpec.class, Section.EVALUATION);

    public static List<CellField<?>> in(Section section) {
        return ALL.stream().filter(f -> f.section() == section).toList();
    }

    /** The fields a grid may sweep, in axis order. */
    public static List<CellField<?>> axes() {
        return ALL.stream().filter(CellField::axis).toList();
    }

    public static Optional<CellField<?>> byKey(String key) {
        return ALL.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** An axis by spec key ({@code inputSize}) or column ({@code input_size}). */
    public static Optional<CellField<?>> axisByName(String name) {
        return axes().stream().filter(f -> f.key().equals(name) || f.column().equals(name)).findFirst();
    }

    public static List<String> keys(List<CellField<?>> fields) {
        return fields.stream().map(CellField::key).toList();
    }

    private static <T> CellField<T> field(String key, Section section, String path, Class<T> type, Reader<T> reader,
                                          T defaultValue, InId id, Condition applies, String column, DataType columnType,
                                          Function<T, ?> stored, Function<T, ?> canonical) {
        return new CellField<>(key, section, path, type, reader, defaultValue, true, id, applies, column, columnType,
                stored, canonical);
    }

    private static <T> CellField<T> training(String key, Class<T> type, Reader<T> reader, T defaultValue, InId id,
                                             Condition applies, String column, DataType columnType,
                                             Function<T, ?> stored, Function<T, ?> canonical) {
        return field(key, Section.TRAINING, "training." + key, type, reader, defaultValue, id, applies, column,
                columnType, stored, canonical);
    }

    /** A record of a section's type from its fields' defaults; every component must have a declaration. */
    private static <R extends Record> R defaults(Class<R> type, Section section) {
        Map<String, Object> byComponent = new LinkedHashMap<>();
        for (CellField<?> f : in(section)) {
            byComponent.put(f.path().substring(f.path().indexOf('.') + 1), f.defaultValue());
        }
        List<Object> values = new ArrayList<>();
        for (String component : RecordPaths.components(type)) {
            if (!byComponent.containsKey(component)) {
                throw new IllegalStateException(type.getSimpleName() + "." + component + " has no CellField declaration");
            }
            values.add(byComponent.get(component));
        }
        return RecordPaths.construct(type, values);
    }

    private static Reader<Integer> integer(long min, long max) {
        return (v, n, p) -> {
            Long value = v.integer(n, p, min, max);
            return value == null ? null : value.intValue();
        };
    }

    /** A name looked up by {@code byName}, whose IllegalArgumentException (listing the valid names) becomes the problem. */
    private static <T> Reader<T> named(Function<String, T> byName) {
        return (v, n, p) -> {
            String name = v.string(n, p);
            if (name == null) {
                return null;
            }
            try {
                return byName.apply(name);
            } catch (IllegalArgumentException e) {
                v.problem(p, e.getMessage());
                return null;
            }
        };
    }

    private static String readArchitecture(SpecValues v, com.fasterxml.jackson.databind.JsonNode node, String path) {
        String name = v.string(node, path);
        if (name != null && Architectures.find(name).isEmpty()) {
            v.problem(path, "unknown architecture '" + name + "'; valid: " + String.join(", ", Architectures.names()));
            return null;
        }
        return name;
    }

    /** The canonical name, so that {@code normal(45,20)} and {@code normal(45, 20)} are one value. */
    private static String readSymmetry(SpecValues v, com.fasterxml.jackson.databind.JsonNode node, String path) {
        String text = v.string(node, path);
        if (text == null) {
            return null;
        }
        try {
            return DataSymmetry.parse(text).name();
        } catch (IllegalArgumentException e) {
            v.problem(path, e.getMessage());
            return null;
        }
    }

    /**
     * The schedule's type and settings; {@code constant} and {@code step} exactly as before the other schedules existed
     * (constant as step ×1.0 every epoch), a warm-up as a {@code warmup} key beside its schedule's.
     */
    private static Object canonicalSchedule(LearningRateSchedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s instanceof LearningRateSchedule.Warmup w) {
            @SuppressWarnings("unchecked")
            Map<String, Object> then = (Map<String, Object>) canonicalSchedule(w.then());
            m.putAll(then);
            m.put("warmup", w.epochs());
        } else if (s instanceof LearningRateSchedule.Constant) {
            m.put("every", 1);
            m.put("factor", num(1.0));
        } else if (s instanceof LearningRateSchedule.Step step) {
            m.put("every", step.every());
            m.put("factor", num(step.factor()));
        } else if (s instanceof LearningRateSchedule.MultiStep ms) {
            m.put("gamma", num(ms.gamma()));
            m.put("milestones", ms.milestones());
        } else if (s instanceof LearningRateSchedule.OneCycle c) {
            m.put("cycleMomentum", c.cycleMomentum());
            m.put("divFactor", num(c.divFactor()));
            m.put("finalDivFactor", num(c.finalDivFactor()));
            m.put("pctStart", num(c.pctStart()));
        }
        m.put("type", s.type());
        return m;
    }

    /** {@code crop} and {@code flip} as before resized crops existed, {@code resizedCrop: true} beside them when set. */
    private static Object canonicalAugmentation(Augmentation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crop", a.crop());
        m.put("flip", a.flip());
        if (a.resizedCrop()) {
            m.put("resizedCrop", true);
        }
        return m;
    }

    /** Numbers as strings in Java's shortest round-trip form, so 0.01 and 1.0e-2 hash alike. */
    static String num(double x) {
        return Double.toString(x);
    }

    private static String angle(double a) {
        return a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a);
    }
}

package io.equisweep.driver.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of every declared cell field: changing it changes the cell id exactly when the declaration says
 * it is part of the id, and a field that does not apply to a cell never changes its id unless declared to.
 */
class CellFieldsContractTest {
    /** A value other than the default for every field; a new field without one here fails the test. */
    private static final Map<CellField<?>, Object> OTHER = Map.ofEntries(
            Map.entry(CellFields.ARCHITECTURE, "p4cnn"),
            Map.entry(CellFields.INPUT_SIZE, 29),
            Map.entry(CellFields.SYMMETRY, "c4"),
            Map.entry(CellFields.SEED, 2L),
            Map.entry(CellFields.EPOCHS, 49),
            Map.entry(CellFields.BATCH_SIZE, 128),
            Map.entry(CellFields.OPTIMIZER, Optimizer.SGD),
            Map.entry(CellFields.LEARNING_RATE, 0.02),
            Map.entry(CellFields.MOMENTUM, 0.5),
            Map.entry(CellFields.WEIGHT_DECAY, 0.0),
            Map.entry(CellFields.SCHEDULE, LearningRateSchedule.constant()),
            Map.entry(CellFields.DROPOUT, 0.0),
            Map.entry(CellFields.MODE, TrainingMode.DATA_PARALLEL),
            Map.entry(CellFields.AVERAGING_FREQUENCY, 7),
            Map.entry(CellFields.TRAIN_FRACTION, 0.25),
            Map.entry(CellFields.AUGMENTATION, new Augmentation(4, true)),
            Map.entry(CellFields.CROP, 32),
            Map.entry(CellFields.CIRCLE_CROP, true),
            Map.entry(CellFields.NESTEROV, false),
            Map.entry(CellFields.SCALE_EPOCHS, true),
            Map.entry(CellFields.EVAL_ANGLES, List.of(0.0, 45.0)),
            Map.entry(CellFields.EVAL_FLIPS, true),
            Map.entry(CellFields.EVAL_EQUIVARIANCE_EVERY, 5));

    private static final CellSpec DEFAULTS = new CellSpec("", "z2cnn", 28, "upright", 1,
            new DatasetSpec("synthetic", Map.of()), CellFields.PAPER_DEFAULTS, CellFields.DEFAULT_EVALUATION);

    private static String id(CellSpec cell) {
        return CellId.of(cell, "synthetic/v1");
    }

    /** The default cell with {@code field}'s condition made true (e.g. data-parallel for the averaging frequency). */
    private static CellSpec whereItApplies(CellField<?> field) {
        CellField.Condition when = field.appliesWhen();
        if (when.subject() == null) {
            return DEFAULTS;
        }
        CellField<?> subject = CellFields.ALL.stream().filter(f -> f.specPath().equals(when.subject())).findFirst().orElseThrow();
        // A condition over a range ("below 1") holds for the subject's other value; one value names it literally.
        CellSpec withOther = subject.with(DEFAULTS, OTHER.get(subject));
        if (field.appliesTo(withOther)) {
            return withOther;
        }
        Object value = subject.reader().read(new SpecValues(), TextNode.valueOf(when.required()), when.subject());
        CellSpec cell = subject.with(DEFAULTS, value);
        assertThat(field.appliesTo(cell)).as(field.key()).isTrue();
        return cell;
    }

    @Test
    void everyFieldHasAnOtherValueAndAUniqueKeyPathAndColumn() {
        assertThat(OTHER.keySet()).containsExactlyInAnyOrderElementsOf(CellFields.ALL);
        assertThat(CellFields.ALL).extracting(CellField::key).doesNotHaveDuplicates();
        assertThat(CellFields.ALL).extracting(CellField::path).doesNotHaveDuplicates();
        assertThat(CellFields.ALL).extracting(CellField::column).doesNotHaveDuplicates();
        for (CellField<?> f : CellFields.ALL) {
            assertThat(OTHER.get(f)).as(f.key()).isNotEqualTo(f.defaultValue()).isInstanceOf(f.type());
        }
    }

    @Test
    void changingAFieldChangesTheIdExactlyWhenItIsDeclaredPartOfIt() {
        for (CellField<?> field : CellFields.ALL) {
            CellSpec base = whereItApplies(field);
            CellSpec changed = field.with(base, OTHER.get(field));
            assertThat(field.get(changed)).isEqualTo(OTHER.get(field));
            boolean inId = field.inId(base) || field.inId(changed);
            assertThat(id(changed).equals(id(base))).as(field.key() + " (declared " + field.id() + ")").isEqualTo(!inId);
            assertThat(inId).as(field.key() + ": where it applies, a changed value must change the id").isTrue();
        }
    }

    @Test
    void whereAFieldDoesNotApplyItChangesTheIdOnlyIfDeclaredAlwaysInIt() {
        for (CellField<?> field : CellFields.ALL) {
            if (field.appliesTo(DEFAULTS)) {
                continue;
            }
            boolean changesId = !id(field.with(DEFAULTS, OTHER.get(field))).equals(id(DEFAULTS));
            assertThat(changesId).as(field.key()).isEqualTo(field.id() == CellField.InId.ALWAYS);
        }
    }

    @Test
    void everyFieldIsReadFromTheSpecAndLandsInItsColumn() {
        var ids = new HashSet<String>();
        for (CellField<?> field : CellFields.ALL) {
            ids.add(id(field.with(whereItApplies(field), OTHER.get(field))));
        }
        assertThat(ids).hasSize(CellFields.ALL.size());
        assertThat(CellFields.EPOCHS.columnValue(CellFields.EPOCHS.with(DEFAULTS, 7))).isEqualTo(7);
        assertThat(CellFields.OPTIMIZER.columnValue(DEFAULTS)).isEqualTo("adam");
        assertThat(CellFields.SCHEDULE.columnValue(DEFAULTS)).isEqualTo("step(x0.5/10)");
        assertThat(CellFields.AUGMENTATION.columnValue(DEFAULTS)).isEqualTo("none");
        assertThat(CellFields.AUGMENTATION.columnValue(CellFields.AUGMENTATION.with(DEFAULTS, new Augmentation(4, true))))
                .isEqualTo("crop4+flip");
        assertThat(CellFields.AUGMENTATION.columnValue(CellFields.AUGMENTATION.with(DEFAULTS,
                new Augmentation(0, true, true)))).isEqualTo("resizedcrop+flip");
        assertThat(CellFields.EVAL_ANGLES.columnValue(DEFAULTS)).isEqualTo("0,90,180,270");
    }

    /**
     * The schedules that existed before multistep, one-cycle and warm-up keep their canonical form, and so the ids of
     * stored cells; each new schedule, and a warm-up, is a distinct canonical value.
     */
    @Test
    void constantAndStepSchedulesKeepTheirCanonicalFormAndNewOnesEnterTheId() {
        assertThat(CellId.canonicalConfig(DEFAULTS, "synthetic/v1"))
                .contains("\"schedule\":{\"every\":10,\"factor\":\"0.5\",\"type\":\"step\"}");
        assertThat(CellId.canonicalConfig(CellFields.SCHEDULE.with(DEFAULTS, LearningRateSchedule.constant()), "synthetic/v1"))
                .contains("\"schedule\":{\"every\":1,\"factor\":\"1.0\",\"type\":\"constant\"}");
        assertThat(CellId.canonicalConfig(CellFields.SCHEDULE.with(DEFAULTS,
                LearningRateSchedule.multiStep(List.of(8, 16), 0.75).withWarmup(5)), "synthetic/v1"))
                .contains("\"schedule\":{\"gamma\":\"0.75\",\"milestones\":[8,16],\"type\":\"multistep\",\"warmup\":5}");
        assertThat(CellId.canonicalConfig(CellFields.SCHEDULE.with(DEFAULTS, LearningRateSchedule.oneCycle()), "synthetic/v1"))
                .contains("\"schedule\":{\"cycleMomentum\":true,\"divFactor\":\"25.0\",\"finalDivFactor\":\"10000.0\","
                        + "\"pctStart\":\"0.3\",\"type\":\"onecycle\"}");
        assertThat(CellId.canonicalConfig(DEFAULTS, "synthetic/v1")).doesNotContain("augmentation").doesNotContain("nesterov");
        assertThat(CellId.canonicalConfig(CellFields.AUGMENTATION.with(DEFAULTS, new Augmentation(4, true)), "synthetic/v1"))
                .contains("\"augmentation\":{\"crop\":4,\"flip\":true}");
        String resized = CellId.canonicalConfig(CellFields.AUGMENTATION.with(DEFAULTS, new Augmentation(0, true, true)),
                "synthetic/v1");
        assertThat(resized).contains("\"augmentation\":{\"crop\":0,\"flip\":true,\"resizedCrop\":true}");
        assertThat(CellId.hash(resized)).isNotEqualTo(CellId.of(CellFields.AUGMENTATION.with(DEFAULTS,
                new Augmentation(0, true)), "synthetic/v1"));
        List<Object> schedules = List.of(LearningRateSchedule.constant(), LearningRateSchedule.step(0.5, 10),
                LearningRateSchedule.step(0.5, 10).withWarmup(1), LearningRateSchedule.constant().withWarmup(1),
                LearningRateSchedule.multiStep(List.of(10), 0.5), LearningRateSchedule.multiStep(List.of(10, 20), 0.5),
                LearningRateSchedule.oneCycle(), new LearningRateSchedule.OneCycle(0.3, 25, 1e4, false),
                new LearningRateSchedule.OneCycle(0.25, 25, 1e4, true), LearningRateSchedule.oneCycle().withWarmup(2));
        var ids = new HashSet<String>();
        var columns = new HashSet<Object>();
        for (Object s : schedules) {
            CellSpec cell = CellFields.SCHEDULE.with(DEFAULTS, s);
            ids.add(id(cell));
            columns.add(CellFields.SCHEDULE.columnValue(cell));
        }
        assertThat(ids).hasSize(schedules.size());
        assertThat(columns).hasSize(schedules.size());
    }

    /** Nesterov momentum stays the sgd default with the id it always had; only sgd's classical momentum is new. */
    @Test
    void classicalMomentumEntersTheIdOfSgdCellsOnly() {
        CellSpec sgd = CellFields.OPTIMIZER.with(DEFAULTS, Optimizer.SGD);
        assertThat(CellId.canonicalConfig(sgd, "synthetic/v1")).doesNotContain("nesterov");
        assertThat(CellId.canonicalConfig(CellFields.NESTEROV.with(sgd, false), "synthetic/v1"))
                .contains("\"nesterov\":false,\"optimizer\":\"sgd\"");
        assertThat(id(CellFields.NESTEROV.with(DEFAULTS, false))).isEqualTo(id(DEFAULTS));
        assertThat(CellFields.NESTEROV.columnValue(sgd)).isEqualTo(true);
    }
}

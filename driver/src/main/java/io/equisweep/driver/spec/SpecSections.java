package io.equisweep.driver.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.equisweep.workers.cell.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;

/** Readers of the structured field values of a spec: the learning-rate schedule and the test angles. */
final class SpecSections {
    private SpecSections() {
    }

    /** {@code constant}, or {@code {type: step, factor: 0.5, every: 10}}. */
    static LearningRateSchedule readSchedule(SpecValues v, JsonNode node, String path) {
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

    /** A list of angles in [0, 360), or {@code {step: s}} for 0, s, 2s, … below 360. */
    static List<Double> readAngles(SpecValues v, JsonNode node, String path) {
        if (node.isObject()) {
            v.onlyKeys(node, path, List.of("step"));
            JsonNode step = node.get("step");
            if (step == null) {
                v.problem(SpecValues.child(path, "step"), "missing; e.g. angles: {step: 10} for 0°, 10°, …, 350°");
                return null;
            }
            Double s = v.number(step, SpecValues.child(path, "step"), 0, 360, true, false);
            if (s == null) {
                return null;
            }
            List<Double> angles = new ArrayList<>();
            for (int k = 0; k * s < 360 - 1e-9; k++) {
                angles.add(k * s);
            }
            return angles;
        }
        int before = v.problems().size();
        List<Double> angles = v.distinct(node, path, false, (values, n, p) -> values.number(n, p, 0, 360, false, true));
        return v.problems().size() > before || angles.isEmpty() ? null : angles;
    }
}

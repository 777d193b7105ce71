package io.equisweep.driver.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;

/** Readers of the structured field values of a spec: the learning-rate schedule, the augmentation and the test angles. */
final class SpecSections {
    private SpecSections() {
    }

    private static final String SCHEDULE_EXAMPLE = "e.g. constant, onecycle, {type: step, factor: 0.5, every: 10}, "
            + "{type: multistep, milestones: [8, 16], gamma: 0.75}";

    /**
     * A schedule: its type name alone (every setting at its default), or a mapping with {@code type}, the type's
     * settings and an optional {@code warmup} in epochs: {@code {type: step, factor: 0.5, every: 10}},
     * {@code {type: multistep, milestones: [8, 16], gamma: 0.75}}, {@code {type: onecycle, pctStart: 0.3,
     * divFactor: 25, finalDivFactor: 1e4, cycleMomentum: true}}.
     */
    static LearningRateSchedule readSchedule(SpecValues v, JsonNode node, String path) {
        if (node.isTextual()) {
            String t = node.textValue();
            if (!LearningRateSchedule.TYPES.contains(t)) {
                v.problem(path, "unknown schedule '" + t + "'; valid: " + String.join(", ", LearningRateSchedule.TYPES));
                return null;
            }
            if (LearningRateSchedule.MULTISTEP.equals(t)) {
                v.problem(path, "a multistep schedule needs its milestones: {type: multistep, milestones: [8, 16], gamma: 0.75}");
                return null;
            }
            return readSchedule(v, JsonNodeFactory.instance.objectNode().put("type", t), path);
        }
        if (!node.isObject()) {
            v.problem(path, "expected a schedule name or mapping (" + SCHEDULE_EXAMPLE + "), found " + SpecValues.describe(node));
            return null;
        }
        JsonNode type = node.get("type");
        if (type == null) {
            v.problem(SpecValues.child(path, "type"), "missing; valid: " + String.join(", ", LearningRateSchedule.TYPES));
            return null;
        }
        String t = v.string(type, SpecValues.child(path, "type"));
        if (t == null) {
            return null;
        }
        int before = v.problems().size();
        LearningRateSchedule schedule = switch (t) {
            case LearningRateSchedule.CONSTANT -> {
                v.onlyKeys(node, path, List.of("type", "warmup"));
                yield LearningRateSchedule.constant();
            }
            case LearningRateSchedule.STEP -> readStep(v, node, path);
            case LearningRateSchedule.MULTISTEP -> readMultiStep(v, node, path);
            case LearningRateSchedule.ONECYCLE -> readOneCycle(v, node, path);
            default -> {
                v.problem(SpecValues.child(path, "type"), "unknown schedule '" + t + "'; valid: "
                        + String.join(", ", LearningRateSchedule.TYPES));
                yield null;
            }
        };
        JsonNode warmup = node.get("warmup");
        Long w = warmup == null ? Long.valueOf(0) : v.integer(warmup, SpecValues.child(path, "warmup"), 0, 100_000);
        return schedule == null || w == null || v.problems().size() > before ? null : schedule.withWarmup(w.intValue());
    }

    private static LearningRateSchedule readStep(SpecValues v, JsonNode node, String path) {
        v.onlyKeys(node, path, List.of("type", "factor", "every", "warmup"));
        JsonNode factor = node.get("factor");
        JsonNode every = node.get("every");
        Double f = factor == null ? Double.valueOf(0.5) : v.number(factor, SpecValues.child(path, "factor"), 0, 1, true, false);
        Long e = every == null ? Long.valueOf(10) : v.integer(every, SpecValues.child(path, "every"), 1, 100_000);
        return f == null || e == null ? null : LearningRateSchedule.step(f, e.intValue());
    }

    /** Milestones: increasing epochs (0-based epoch m starts at the reduced rate); gamma as PyTorch's default 0.1. */
    private static LearningRateSchedule readMultiStep(SpecValues v, JsonNode node, String path) {
        v.onlyKeys(node, path, List.of("type", "milestones", "gamma", "warmup"));
        JsonNode gamma = node.get("gamma");
        Double g = gamma == null ? Double.valueOf(0.1) : v.number(gamma, SpecValues.child(path, "gamma"), 0, 1, true, false);
        String at = SpecValues.child(path, "milestones");
        JsonNode list = node.get("milestones");
        if (list == null || !list.isArray() || list.isEmpty()) {
            v.problem(at, (list == null ? "missing" : "expected a non-empty list of epochs, found " + SpecValues.describe(list))
                    + "; e.g. milestones: [8, 16, 20]");
            return null;
        }
        List<Integer> milestones = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Long m = v.integer(list.get(i), SpecValues.index(at, i), 1, 100_000);
            if (m == null) {
                ok = false;
            } else if (!milestones.isEmpty() && m <= milestones.get(milestones.size() - 1)) {
                v.problem(SpecValues.index(at, i), "milestones must increase: " + m + " follows "
                        + milestones.get(milestones.size() - 1));
                ok = false;
            } else {
                milestones.add(m.intValue());
            }
        }
        return ok && g != null ? LearningRateSchedule.multiStep(milestones, g) : null;
    }

    private static LearningRateSchedule readOneCycle(SpecValues v, JsonNode node, String path) {
        v.onlyKeys(node, path, List.of("type", "pctStart", "divFactor", "finalDivFactor", "cycleMomentum", "warmup"));
        LearningRateSchedule.OneCycle d = LearningRateSchedule.oneCycle();
        Double pct = node.has("pctStart") ? v.number(node.get("pctStart"), SpecValues.child(path, "pctStart"), 0, 1, true, true)
                : Double.valueOf(d.pctStart());
        Double div = node.has("divFactor")
                ? v.number(node.get("divFactor"), SpecValues.child(path, "divFactor"), 1, 1e12, false, false)
                : Double.valueOf(d.divFactor());
        Double finalDiv = node.has("finalDivFactor")
                ? v.number(node.get("finalDivFactor"), SpecValues.child(path, "finalDivFactor"), 1, 1e12, false, false)
                : Double.valueOf(d.finalDivFactor());
        Boolean cycle = node.has("cycleMomentum") ? v.bool(node.get("cycleMomentum"), SpecValues.child(path, "cycleMomentum"))
                : Boolean.TRUE;
        return pct == null || div == null || finalDiv == null || cycle == null ? null
                : new LearningRateSchedule.OneCycle(pct, div, finalDiv, cycle);
    }

    /**
     * {@code none}, {@code {crop: 4, flip: true}} (the CIFAR pipeline) or {@code {resizedCrop: true, flip: true}} (the
     * Flowers-102 and ImageNet pipeline); a key left out is off. A resized crop and crop padding exclude each other.
     */
    static Augmentation readAugmentation(SpecValues v, JsonNode node, String path) {
        if (node.isTextual() && "none".equals(node.textValue())) {
            return Augmentation.NONE;
        }
        if (!node.isObject()) {
            v.problem(path, "expected 'none' or a mapping {crop: 4, flip: true} or {resizedCrop: true, flip: true} "
                    + "(crop: zero padding before a random crop back to the input size; resizedCrop: a random box of "
                    + "0.08 to 1 of the image's area, aspect ratio 3/4 to 4/3, resized to the input size; flip: random "
                    + "horizontal flip), found " + SpecValues.describe(node));
            return null;
        }
        v.onlyKeys(node, path, List.of("crop", "resizedCrop", "flip"));
        if (!node.has("crop") && !node.has("resizedCrop") && !node.has("flip")) {
            v.problem(path, "empty augmentation: give crop (padding in pixels) or resizedCrop, and/or flip, or write 'none'");
            return null;
        }
        Long crop = node.has("crop") ? v.integer(node.get("crop"), SpecValues.child(path, "crop"), 0, 1024) : Long.valueOf(0);
        Boolean resized = node.has("resizedCrop")
                ? v.bool(node.get("resizedCrop"), SpecValues.child(path, "resizedCrop")) : Boolean.FALSE;
        Boolean flip = node.has("flip") ? v.bool(node.get("flip"), SpecValues.child(path, "flip")) : Boolean.FALSE;
        if (crop == null || resized == null || flip == null) {
            return null;
        }
        if (resized && crop > 0) {
            v.problem(path, "resizedCrop and crop " + crop + " exclude each other: crop pads by " + crop
                    + " pixels and crops back to the input size (the CIFAR pipeline), resizedCrop resizes a random box "
                    + "of the image (the Flowers-102 and ImageNet pipeline); keep one");
            return null;
        }
        return new Augmentation(crop.intValue(), flip, resized);
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

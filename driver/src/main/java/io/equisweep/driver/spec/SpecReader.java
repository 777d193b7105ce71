package io.equisweep.driver.spec;

import static io.equisweep.driver.spec.SpecValues.child;
import static io.equisweep.driver.spec.SpecValues.index;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.equisweep.driver.data.DatasetLocalizer;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.arch.ExactnessAnalysis;
import io.equisweep.workers.arch.ExactnessReport;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.DatasetException;
import io.equisweep.workers.data.DatasetSource;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.symmetry.DataSymmetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.regex.Pattern;

/**
 * Reads a sweep spec (YAML) and validates it completely: every problem is reported with its YAML path,
 * not just the first. Nothing is written and no Spark is started.
 */
public final class SpecReader {
    /** Grids larger than this are refused unless {@code limits.maxCells} or {@code --max-cells} says otherwise. */
    public static final int DEFAULT_MAX_CELLS = 10_000;
    static final List<String> TOP_KEYS = List.of("name", "dataset", "grid", "exclude", "training", "evaluation", "output", "limits");
    static final List<String> CORE_AXES = List.of("architecture", "inputSize", "symmetry", "seed");
    static final List<Double> DEFAULT_ANGLES = List.of(0.0, 90.0, 180.0, 270.0);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final SpecValues v = new SpecValues();

    private SpecReader() {
    }

    /** Reads {@code file}; {@code maxCellsOverride} (if not null) replaces the spec's grid limit. */
    public static SweepSpec read(Path file, Integer maxCellsOverride) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), List.of(new SpecProblem("", "no such file")));
        } catch (IOException e) {
            throw new SpecException(file.toString(), List.of(new SpecProblem("", "cannot read: " + e.getMessage())));
        }
        return parse(text, file.toString(), maxCellsOverride);
    }

    public static SweepSpec parse(String yaml, String source, Integer maxCellsOverride) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SpecException(source, List.of(new SpecProblem("", "invalid YAML" + where + ": " + e.getOriginalMessage())));
        }
        SpecReader reader = new SpecReader();
        SweepSpec spec = reader.read(root, maxCellsOverride);
        if (!reader.v.problems().isEmpty()) {
            throw new SpecException(source, reader.v.problems());
        }
        return spec;
    }

    private SweepSpec read(JsonNode root, Integer maxCellsOverride) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            v.problem("", "the spec is empty; it needs at least name, dataset and grid");
            return null;
        }
        if (!v.mapping(root, "")) {
            return null;
        }
        v.onlyKeys(root, "", TOP_KEYS);
        String name = readName(root.get("name"));
        DatasetSpec dataset = readDataset(root.get("dataset"));
        TrainingSpec training = readTraining(root.get("training"));
        EvaluationSpec evaluation = readEvaluation(root.get("evaluation"));
        String output = root.has("output") ? v.string(root.get("output"), "output") : "results";
        Integer maxCells = readLimits(root.get("limits"));
        if (maxCellsOverride != null) {
            maxCells = maxCellsOverride;
        }

        JsonNode grid = root.get("grid");
        if (grid == null) {
            v.problem("grid", "missing; a sweep needs at least grid.architecture and grid.inputSize");
            return null;
        }
        if (!v.mapping(grid, "grid")) {
            return null;
        }
        List<String> allowed = new ArrayList<>(CORE_AXES);
        allowed.addAll(TrainingField.keys());
        v.onlyKeys(grid, "grid", allowed);

        List<String> architectures = axis(grid, "architecture", true, List.of(), this::readArchitecture);
        List<Integer> sizes = axis(grid, "inputSize", true, List.of(), (n, p) -> readInputSize(n, p, architectures));
        List<String> symmetries = axis(grid, "symmetry", false, List.of("upright"), this::readSymmetry);
        List<Long> seeds = axis(grid, "seed", false, List.of(1L), (n, p) -> v.integer(n, p, 0, Long.MAX_VALUE));
        Map<TrainingField, List<Object>> trainingAxes = new EnumMap<>(TrainingField.class);
        for (TrainingField field : TrainingField.values()) {
            if (grid.has(field.key())) {
                trainingAxes.put(field, axis(grid, field.key(), true, List.of(), (n, p) -> field.read(v, n, p)));
            }
        }

        List<Exclusion> exclusions = readExclusions(root.get("exclude"), architectures, sizes, symmetries, seeds);

        if (name == null || dataset == null || training == null || evaluation == null || output == null
                || maxCells == null || !v.problems().isEmpty()) {
            return null;
        }
        SweepSpec spec = new SweepSpec(name, dataset, architectures, sizes, symmetries, seeds, trainingAxes,
                training, evaluation, output, maxCells, exclusions);
        if (spec.cellCount() > maxCells) {
            v.problem("grid", "expands to " + spec.cellCount() + " cells, more than the limit of " + maxCells
                    + " (raise limits.maxCells in the spec or pass --max-cells)");
            return null;
        }
        return spec;
    }

    private String readName(JsonNode node) {
        if (node == null) {
            v.problem("name", "missing; give the sweep a name (letters, digits, '.', '_', '-')");
            return null;
        }
        String name = v.string(node, "name");
        if (name != null && !NAME.matcher(name).matches()) {
            v.problem("name", "'" + name + "' is not a valid sweep name: use 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
            return null;
        }
        return name;
    }

    private DatasetSpec readDataset(JsonNode node) {
        if (node == null) {
            v.problem("dataset", "missing; e.g. dataset: {name: synthetic}");
            return null;
        }
        if (!v.mapping(node, "dataset")) {
            return null;
        }
        v.onlyKeys(node, "dataset", List.of("name", "options"));
        JsonNode nameNode = node.get("name");
        if (nameNode == null) {
            v.problem("dataset.name", "missing; valid: " + String.join(", ", Datasets.names()));
            return null;
        }
        String name = v.string(nameNode, "dataset.name");
        if (name == null) {
            return null;
        }
        DatasetSource source = Datasets.find(name).orElse(null);
        if (source == null) {
            v.problem("dataset.name", "unknown dataset '" + name + "'; valid: " + String.join(", ", Datasets.names()));
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode opts = node.get("options");
        if (opts != null && v.mapping(opts, "dataset.options")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    options.put(e.getKey(), e.getValue().asText());
                } else {
                    v.problem("dataset.options." + e.getKey(), "expected a scalar, found " + SpecValues.describe(e.getValue()));
                }
            }
        }
        int before = v.problems().size();
        for (String problem : source.validate(options)) {
            v.problem("dataset.options", problem);
        }
        if (v.problems().size() > before) {
            return null;
        }
        Map<String, String> resolved = new LinkedHashMap<>(source.optionDefaults());
        resolved.putAll(options);
        DatasetSpec spec = new DatasetSpec(name, resolved);
        try {
            // Files present, readable and large enough for the split: known before any Spark job.
            DatasetSpec local = DatasetLocalizer.localize(spec, new org.apache.hadoop.conf.Configuration());
            source.splitSizes(local);
            source.identity(local);
        } catch (DatasetException e) {
            v.problem("dataset", e.getMessage());
            return null;
        }
        return spec;
    }

    private TrainingSpec readTraining(JsonNode node) {
        TrainingSpec t = TrainingField.PAPER_DEFAULTS;
        if (node == null) {
            return t;
        }
        if (!v.mapping(node, "training")) {
            return null;
        }
        v.onlyKeys(node, "training", TrainingField.keys());
        boolean ok = true;
        for (TrainingField field : TrainingField.values()) {
            JsonNode value = node.get(field.key());
            if (value != null) {
                Object parsed = field.read(v, value, child("training", field.key()));
                if (parsed == null) {
                    ok = false;
                } else {
                    t = field.apply(t, parsed);
                }
            }
        }
        return ok ? t : null;
    }

    private EvaluationSpec readEvaluation(JsonNode node) {
        if (node == null) {
            return new EvaluationSpec(DEFAULT_ANGLES, false);
        }
        if (!v.mapping(node, "evaluation")) {
            return null;
        }
        v.onlyKeys(node, "evaluation", List.of("angles", "flips"));
        List<Double> angles = DEFAULT_ANGLES;
        JsonNode a = node.get("angles");
        if (a != null && a.isObject()) {
            v.onlyKeys(a, "evaluation.angles", List.of("step"));
            JsonNode step = a.get("step");
            Double s = step == null ? null : v.number(step, "evaluation.angles.step", 0, 360, true, false);
            if (step == null) {
                v.problem("evaluation.angles.step", "missing; e.g. angles: {step: 10} for 0°, 10°, …, 350°");
            }
            if (s == null) {
                return null;
            }
            angles = new ArrayList<>();
            for (int k = 0; k * s < 360 - 1e-9; k++) {
                angles.add(k * s);
            }
        } else if (a != null) {
            angles = axis(node, "angles", "evaluation.angles", true, DEFAULT_ANGLES,
                    (n, p) -> v.number(n, p, 0, 360, false, true));
        }
        Boolean flips = node.has("flips") ? v.bool(node.get("flips"), "evaluation.flips") : Boolean.FALSE;
        return angles == null || angles.isEmpty() || flips == null ? null : new EvaluationSpec(angles, flips);
    }

    private Integer readLimits(JsonNode node) {
        if (node == null) {
            return DEFAULT_MAX_CELLS;
        }
        if (!v.mapping(node, "limits")) {
            return null;
        }
        v.onlyKeys(node, "limits", List.of("maxCells"));
        JsonNode max = node.get("maxCells");
        if (max == null) {
            return DEFAULT_MAX_CELLS;
        }
        Long m = v.integer(max, "limits.maxCells", 1, Integer.MAX_VALUE);
        return m == null ? null : m.intValue();
    }

    private String readArchitecture(JsonNode node, String path) {
        String name = v.string(node, path);
        if (name != null && Architectures.find(name).isEmpty()) {
            v.problem(path, "unknown architecture '" + name + "'; valid: " + String.join(", ", Architectures.names()));
            return null;
        }
        return name;
    }

    private String readSymmetry(JsonNode node, String path) {
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

    /** An input size, which must be valid for every architecture it is combined with. */
    private Integer readInputSize(JsonNode node, String path, List<String> architectures) {
        Long n = v.integer(node, path, 1, 4096);
        if (n == null) {
            return null;
        }
        boolean valid = true;
        for (String name : architectures) {
            ExactnessReport r = ExactnessAnalysis.analyse(Architectures.get(name), n.intValue());
            if (!r.valid()) {
                v.problem(path, r.problem());
                valid = false;
            }
        }
        return valid ? n.intValue() : null;
    }

    /** {@code exclude: [{architecture: z2cnn, inputSize: [27, 29]}, ...]}: each entry must remove some cell. */
    private List<Exclusion> readExclusions(JsonNode node, List<String> architectures, List<Integer> sizes,
                                           List<String> symmetries, List<Long> seeds) {
        List<Exclusion> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            v.problem("exclude", "expected a list of mappings such as {architecture: z2cnn, inputSize: 29}, found "
                    + SpecValues.describe(node));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = index("exclude", i);
            JsonNode entry = node.get(i);
            if (!v.mapping(entry, path)) {
                continue;
            }
            v.onlyKeys(entry, path, CORE_AXES);
            if (entry.isEmpty()) {
                v.problem(path, "empty: it would exclude every cell");
                continue;
            }
            Exclusion e = new Exclusion(
                    axis(entry, "architecture", child(path, "architecture"), false, List.of(), this::readArchitecture),
                    axis(entry, "inputSize", child(path, "inputSize"), false, List.of(), (n, p) -> toInt(v.integer(n, p, 1, 100_000))),
                    axis(entry, "symmetry", child(path, "symmetry"), false, List.of(), this::readSymmetry),
                    axis(entry, "seed", child(path, "seed"), false, List.of(), (n, p) -> v.integer(n, p, 0, Long.MAX_VALUE)));
            boolean removesSome = architectures.stream().anyMatch(a -> sizes.stream().anyMatch(n -> symmetries.stream()
                    .anyMatch(s -> seeds.stream().anyMatch(seed -> e.matches(a, n, s, seed)))));
            if (!removesSome) {
                v.problem(path, "matches no cell of the grid");
            }
            out.add(e);
        }
        return out;
    }

    private static Integer toInt(Long value) {
        return value == null ? null : value.intValue();
    }

    private <T> List<T> axis(JsonNode parent, String key, boolean required, List<T> defaults,
                             java.util.function.BiFunction<JsonNode, String, T> reader) {
        return axis(parent, key, child("grid", key), required, defaults, reader);
    }

    /** Reads a list-valued key, dropping unusable values (already reported) and reporting duplicates. */
    private <T> List<T> axis(JsonNode parent, String key, String path, boolean required, List<T> defaults,
                             java.util.function.BiFunction<JsonNode, String, T> reader) {
        JsonNode node = parent.get(key);
        if (node == null) {
            if (required && defaults.isEmpty()) {
                v.problem(path, "missing; give at least one value");
            }
            return defaults;
        }
        List<JsonNode> items = v.list(node, path);
        List<T> values = new ArrayList<>();
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node.isArray() ? index(path, i) : path;
            T value = reader.apply(items.get(i), itemPath);
            if (value == null) {
                continue;
            }
            if (!seen.add(value)) {
                v.problem(itemPath, "duplicate value " + items.get(i).asText() + ": each axis value must be distinct");
                continue;
            }
            values.add(value);
        }
        return values;
    }

}

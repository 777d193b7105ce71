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
import io.equisweep.workers.cell.CellSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import java.util.regex.Pattern;

/**
 * Reads a sweep spec (YAML) and validates it completely: every problem is reported with its YAML path,
 * not just the first. Nothing is written and no Spark is started.
 */
public final class SpecReader {
    /** Grids larger than this are refused unless {@code limits.maxCells} or {@code --max-cells} says otherwise. */
    public static final int DEFAULT_MAX_CELLS = 10_000;
    static final List<String> TOP_KEYS = List.of("name", "dataset", "grid", "exclude", "training", "evaluation", "output", "limits");
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
        v.onlyKeys(grid, "grid", CellFields.keys(CellFields.axes()));
        Map<CellField<?>, List<Object>> axes = new LinkedHashMap<>();
        for (CellField<?> field : CellFields.axes()) {
            JsonNode node = grid.get(field.key());
            String path = child("grid", field.key());
            if (node != null) {
                axes.put(field, List.copyOf(v.distinct(node, path, field.integral(), reader(field, axes))));
            } else if (field.section() == CellField.Section.GRID) {
                if (field.defaultValue() == null) {
                    v.problem(path, "missing; give at least one value");
                    axes.put(field, List.of());
                } else {
                    axes.put(field, List.of(field.defaultValue()));
                }
            }
        }
        List<Exclusion> exclusions = readExclusions(root.get("exclude"), axes);

        if (name == null || dataset == null || training == null || evaluation == null || output == null
                || maxCells == null || !v.problems().isEmpty()) {
            return null;
        }
        SweepSpec spec = new SweepSpec(name, dataset, axes, training, evaluation, output, maxCells, exclusions);
        if (spec.cellCount() > maxCells) {
            v.problem("grid", "expands to " + spec.cellCount() + " cells, more than the limit of " + maxCells
                    + " (raise limits.maxCells in the spec or pass --max-cells)");
            return null;
        }
        checkAxesChangeCells(grid, spec);
        checkCrop(spec);
        return v.problems().isEmpty() ? spec : null;
    }

    /** The reader of one axis; an input size must also be valid for every architecture of the grid. */
    @SuppressWarnings("unchecked")
    private static CellField.Reader<Object> reader(CellField<?> field, Map<CellField<?>, List<Object>> axesSoFar) {
        CellField.Reader<Object> read = (CellField.Reader<Object>) field.reader();
        if (field != CellFields.INPUT_SIZE) {
            return read;
        }
        List<Object> architectures = axesSoFar.getOrDefault(CellFields.ARCHITECTURE, List.of());
        return (values, node, path) -> {
            Integer n = (Integer) read.read(values, node, path);
            if (n == null) {
                return null;
            }
            boolean valid = true;
            for (Object name : architectures) {
                ExactnessReport r = ExactnessAnalysis.analyse(Architectures.get((String) name), n);
                if (!r.valid()) {
                    values.problem(path, r.problem());
                    valid = false;
                }
            }
            return valid ? n : null;
        };
    }

    /**
     * A crop larger than the images it cuts from: the dataset's stored size, or for sources that decode to each cell's
     * input size (image folders) that size.
     */
    private void checkCrop(SweepSpec spec) {
        DatasetSource source = Datasets.get(spec.dataset().name());
        int stored;
        try {
            stored = source.imageSize(DatasetLocalizer.localize(spec.dataset(), new org.apache.hadoop.conf.Configuration()));
        } catch (DatasetException e) {
            return;
        }
        String path = spec.axes().containsKey(CellFields.CROP) ? "grid.crop" : "training.crop";
        java.util.Set<String> reported = new java.util.LinkedHashSet<>();
        for (CellSpec cell : GridExpander.cells(spec)) {
            int crop = cell.training().crop();
            int limit = stored > 0 ? stored : cell.inputSize();
            if (crop > limit) {
                reported.add(stored > 0
                        ? "crop " + crop + " is larger than the " + stored + "×" + stored + " images of dataset "
                                + spec.dataset().name() + "; the crop is taken before resizing to the input size"
                        : "crop " + crop + " is larger than input size " + cell.inputSize() + ": dataset "
                                + spec.dataset().name() + " decodes its images at each cell's input size, then crops");
            }
        }
        reported.forEach(m -> v.problem(path, m));
    }

    /**
     * A grid axis of a field that applies to no cell of the grid (the averaging frequency when no cell trains
     * data-parallel) would give cells that differ in nothing they compute: a spec problem, not silent duplicates.
     */
    private void checkAxesChangeCells(JsonNode grid, SweepSpec spec) {
        List<CellSpec> combinations = GridExpander.combinations(spec).stream().filter(c -> !spec.excluded(c)).toList();
        for (CellField<?> field : spec.axes().keySet()) {
            if (!grid.has(field.key()) || combinations.stream().anyMatch(field::appliesTo)) {
                continue;
            }
            CellField.Condition when = field.appliesWhen();
            String found = combinations.stream().map(c -> when.actual().apply(c)).distinct().sorted()
                    .collect(Collectors.joining(", "));
            v.problem(child("grid", field.key()), field.key() + " applies only when " + when + ", but every cell of "
                    + "this grid has " + when.subject() + " " + found + ": its values would not change any cell; "
                    + "remove the axis or sweep " + when.subject() + " too");
        }
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
                    options.put(e.getKey(), homeExpanded(e.getValue().asText()));
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

    /** A value starting with {@code ~/} names a path under the home directory of whoever reads the spec. */
    static String homeExpanded(String value) {
        return value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
    }

    private TrainingSpec readTraining(JsonNode node) {
        return readSection(node, CellField.Section.TRAINING, CellFields.PAPER_DEFAULTS);
    }

    private EvaluationSpec readEvaluation(JsonNode node) {
        return readSection(node, CellField.Section.EVALUATION, CellFields.DEFAULT_EVALUATION);
    }

    /** The scalar settings of one section over its defaults; {@code null} when any is unusable (reported). */
    private <R extends Record> R readSection(JsonNode node, CellField.Section section, R defaults) {
        if (node == null) {
            return defaults;
        }
        if (!v.mapping(node, section.specName())) {
            return null;
        }
        List<CellField<?>> fields = CellFields.in(section);
        v.onlyKeys(node, section.specName(), CellFields.keys(fields));
        R out = defaults;
        boolean ok = true;
        for (CellField<?> field : fields) {
            JsonNode value = node.get(field.key());
            if (value != null) {
                Object parsed = field.reader().read(v, value, field.specPath());
                if (parsed == null) {
                    ok = false;
                } else {
                    out = RecordPaths.with(out, field.key(), parsed);
                }
            }
        }
        return ok ? out : null;
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


    /** {@code exclude: [{architecture: z2cnn, inputSize: [27, 29]}, ...]}: each entry must remove some cell. */
    private List<Exclusion> readExclusions(JsonNode node, Map<CellField<?>, List<Object>> axes) {
        List<Exclusion> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            v.problem("exclude", "expected a list of mappings such as {architecture: z2cnn, inputSize: 29}, found "
                    + SpecValues.describe(node));
            return out;
        }
        List<CellField<?>> keys = CellFields.in(CellField.Section.GRID);
        for (int i = 0; i < node.size(); i++) {
            String path = index("exclude", i);
            JsonNode entry = node.get(i);
            if (!v.mapping(entry, path)) {
                continue;
            }
            v.onlyKeys(entry, path, CellFields.keys(keys));
            if (entry.isEmpty()) {
                v.problem(path, "empty: it would exclude every cell");
                continue;
            }
            Map<CellField<?>, List<Object>> values = new LinkedHashMap<>();
            for (CellField<?> field : keys) {
                JsonNode value = entry.get(field.key());
                if (value != null) {
                    @SuppressWarnings("unchecked")
                    CellField.Reader<Object> read = (CellField.Reader<Object>) field.reader();
                    values.put(field, List.copyOf(v.distinct(value, child(path, field.key()), field.integral(), read)));
                }
            }
            boolean removesSome = values.entrySet().stream().allMatch(en -> en.getValue().stream()
                    .anyMatch(x -> axes.getOrDefault(en.getKey(), List.of()).contains(x)));
            if (!removesSome) {
                v.problem(path, "matches no cell of the grid");
            }
            out.add(new Exclusion(values));
        }
        return out;
    }
}

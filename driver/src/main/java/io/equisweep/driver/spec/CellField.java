package io.equisweep.driver.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.equisweep.workers.cell.CellSpec;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.types.DataType;

/**
 * The one declaration of a field of a cell, in the spirit of Spark's config entries: where it sits in the
 * spec and in {@link CellSpec}, how a spec value is read and validated, its default, when it applies, whether
 * it is part of the cell id, whether it may be a grid axis, and its {@code cells} column. The spec reader,
 * the grid expander, {@link CellId}, the {@code cells} schema and row, {@code plan}'s columns and
 * {@code summary --by} all work from {@link CellFields#ALL}.
 *
 * @param key         the spec key, e.g. {@code learningRate}
 * @param section     where the spec sets it besides the grid
 * @param path        the component path in {@link CellSpec}, e.g. {@code training.learningRate}; also its key
 *                    in the canonical config that the id hashes
 * @param type        the (boxed) value type
 * @param reader      reads one spec value, recording a problem (path, found, expected) when unusable
 * @param defaultValue the value when the spec does not set it; {@code null} for a required grid axis
 * @param axis        whether {@code grid.<key>} may sweep it
 * @param id          when it enters the canonical config (and so the id)
 * @param appliesWhen the cells it changes; a grid axis of values that change no cell is a spec problem
 * @param column      its {@code cells} column name and type
 * @param stored      the column value
 * @param canonical   the JSON value hashed into the id (numbers as shortest round-trip strings)
 */
public record CellField<T>(
        String key,
        Section section,
        String path,
        Class<T> type,
        Reader<T> reader,
        T defaultValue,
        boolean axis,
        InId id,
        Condition appliesWhen,
        String column,
        DataType columnType,
        Function<T, ?> stored,
        Function<T, ?> canonical) {

    /** Where a field is set in a spec: only as a grid axis, or also as a scalar in a section. */
    public enum Section {
        GRID("grid"), TRAINING("training"), EVALUATION("evaluation");

        private final String specName;

        Section(String specName) {
            this.specName = specName;
        }

        public String specName() {
            return specName;
        }
    }

    /** When a field's value is part of the canonical config that the cell id hashes. */
    public enum InId {
        /** Always. */
        ALWAYS,
        /** Only for cells it applies to: elsewhere it changes nothing, so it must not change the id. */
        WHEN_APPLICABLE,
        /**
         * Only for cells it applies to, and there only when it differs from the default: a field added later keeps
         * every earlier id.
         */
        UNLESS_DEFAULT
    }

    /**
     * When a field applies: {@code subject} (another field's spec path) has the value {@code required}, read from
     * a cell by {@code actual}. {@link #ALWAYS} has no subject.
     */
    public record Condition(String subject, String required, Function<CellSpec, String> actual) {
        public static final Condition ALWAYS = new Condition(null, null, c -> null);

        public boolean holds(CellSpec cell) {
            return subject == null || required.equals(actual.apply(cell));
        }

        @Override
        public String toString() {
            return subject == null ? "always" : subject + " is " + required;
        }
    }

    /** Reads one value of a field from a YAML node; {@code null} (with a recorded problem) when unusable. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(SpecValues values, JsonNode node, String path);
    }

    public CellField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(appliesWhen, "appliesWhen");
        if (!type.isAssignableFrom(box(RecordPaths.type(CellSpec.class, path)))) {
            throw new IllegalArgumentException("field " + key + ": CellSpec." + path + " is not a " + type.getSimpleName());
        }
    }

    /** The spec path of this field's scalar setting, e.g. {@code training.learningRate}. */
    public String specPath() {
        return SpecValues.child(section.specName(), key);
    }

    public T get(CellSpec cell) {
        return type.cast(RecordPaths.get(cell, path));
    }

    /** A copy of {@code cell} with this field set to {@code value} (which must be of {@link #type}). */
    public CellSpec with(CellSpec cell, Object value) {
        return RecordPaths.with(cell, path, type.cast(value));
    }

    public boolean appliesTo(CellSpec cell) {
        return appliesWhen.holds(cell);
    }

    /** Whether this field's value of {@code cell} is part of the canonical config. */
    public boolean inId(CellSpec cell) {
        return switch (id) {
            case ALWAYS -> true;
            case WHEN_APPLICABLE -> appliesTo(cell);
            case UNLESS_DEFAULT -> appliesTo(cell) && !get(cell).equals(defaultValue);
        };
    }

    public Object columnValue(CellSpec cell) {
        return stored.apply(get(cell));
    }

    public Object canonicalValue(CellSpec cell) {
        return canonical.apply(get(cell));
    }

    /** Whether a grid axis of this field may be written as a range {@code {from, to, step}}. */
    public boolean integral() {
        return type == Integer.class || type == Long.class;
    }

    private static Class<?> box(Class<?> c) {
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return c;
    }
}

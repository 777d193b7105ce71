package io.equisweep.driver.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads from a YAML tree that record a {@link SpecProblem} (with its path) instead of throwing,
 * so that one pass over a spec reports everything wrong with it. Each read returns {@code null} when
 * the value is unusable.
 */
final class SpecValues {
    /** The most values a range axis may expand to before the grid limit is even considered. */
    static final long MAX_RANGE_VALUES = 1_000_000;

    private final List<SpecProblem> problems = new ArrayList<>();

    List<SpecProblem> problems() {
        return problems;
    }

    void problem(String path, String message) {
        problems.add(new SpecProblem(path, message));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Whether {@code node} is a mapping; records a problem if it is present and is not. */
    boolean mapping(JsonNode node, String path) {
        if (node == null || node.isObject()) {
            return node != null;
        }
        problem(path, "expected a mapping, found " + describe(node));
        return false;
    }

    /** Records a problem for every key of {@code mapping} not in {@code allowed}. */
    void onlyKeys(JsonNode mapping, String path, Collection<String> allowed) {
        for (Iterator<String> it = mapping.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problem(child(path, key), "unknown key; valid keys here: " + String.join(", ", allowed));
            }
        }
    }

    /** A list axis; a single scalar counts as a one-element list. Empty lists are a problem. */
    List<JsonNode> list(JsonNode node, String path) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
            if (items.isEmpty()) {
                problem(path, "empty axis: give at least one value");
            }
        } else if (node.isNull()) {
            problem(path, "empty axis: give at least one value");
        } else {
            items.add(node);
        }
        return items;
    }

    /**
     * The distinct values of a list-valued key: a list, a scalar (one value) or, when {@code ranges}, a mapping
     * {@code {from: 1, to: 100, step: 1}} (both ends included). Unusable values are dropped (already reported);
     * a repeated value is a problem at its own path.
     */
    <T> List<T> distinct(JsonNode node, String path, boolean ranges, CellField.Reader<T> reader) {
        if (ranges && node.isObject()) {
            return distinctRange(node, path, reader);
        }
        List<JsonNode> items = list(node, path);
        List<T> values = new ArrayList<>();
        java.util.Set<T> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node.isArray() ? index(path, i) : path;
            T value = reader.read(this, items.get(i), itemPath);
            if (value == null) {
                continue;
            }
            if (!seen.add(value)) {
                problem(itemPath, "duplicate value " + items.get(i).asText() + ": each axis value must be distinct");
                continue;
            }
            values.add(value);
        }
        return values;
    }

    private <T> List<T> distinctRange(JsonNode node, String path, CellField.Reader<T> reader) {
        onlyKeys(node, path, List.of("from", "to", "step"));
        JsonNode from = node.get("from");
        JsonNode to = node.get("to");
        if (from == null || to == null) {
            problem(path, "a range needs 'from' and 'to' (both included), e.g. {from: 1, to: 100}; 'step' is optional");
            return List.of();
        }
        Long a = integer(from, child(path, "from"), Long.MIN_VALUE, Long.MAX_VALUE);
        Long b = integer(to, child(path, "to"), Long.MIN_VALUE, Long.MAX_VALUE);
        Long step = node.has("step") ? integer(node.get("step"), child(path, "step"), 1, Long.MAX_VALUE) : Long.valueOf(1);
        if (a == null || b == null || step == null) {
            return List.of();
        }
        if (a > b) {
            problem(path, "empty range: from " + a + " is above to " + b);
            return List.of();
        }
        long count = (b - a) / step + 1;
        if (count > MAX_RANGE_VALUES) {
            problem(path, "range of " + count + " values, more than " + MAX_RANGE_VALUES);
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (long x = a; x <= b && x >= a; x += step) {
            T value = reader.read(this, com.fasterxml.jackson.databind.node.LongNode.valueOf(x), path);
            if (value == null) {
                return List.of();
            }
            values.add(value);
            if (x > Long.MAX_VALUE - step) {
                break;
            }
        }
        return values;
    }

    String string(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue();
        }
        problem(path, "expected a string, found " + describe(node));
        return null;
    }

    Boolean bool(JsonNode node, String path) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        problem(path, "expected true or false, found " + describe(node));
        return null;
    }

    Long integer(JsonNode node, String path, long min, long max) {
        Long v = null;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            v = node.longValue();
        } else if (node.isTextual()) {
            try {
                v = Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (v == null) {
            problem(path, "expected an integer, found " + describe(node));
            return null;
        }
        if (v < min || v > max) {
            problem(path, "must be between " + min + " and " + max + ", got " + v);
            return null;
        }
        return v;
    }

    /** A finite number in [min, max] (or [min, max) when {@code maxExclusive}). */
    Double number(JsonNode node, String path, double min, double max, boolean minExclusive, boolean maxExclusive) {
        Double v = null;
        if (node.isNumber()) {
            v = node.doubleValue();
        } else if (node.isTextual()) {
            // YAML 1.1 reads 1e-5 (no dot) as a string; accept it as the number everyone means.
            try {
                v = Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (v == null || !Double.isFinite(v)) {
            problem(path, "expected a number, found " + describe(node));
            return null;
        }
        boolean low = minExclusive ? v <= min : v < min;
        boolean high = maxExclusive ? v >= max : v > max;
        if (low || high) {
            problem(path, "must be in " + (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max)
                    + (maxExclusive ? ")" : "]") + ", got " + fmt(v));
            return null;
        }
        return v;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "string '" + node.textValue() + "'";
        }
        if (node.isBoolean()) {
            return "boolean " + node.booleanValue();
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        return "a mapping";
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

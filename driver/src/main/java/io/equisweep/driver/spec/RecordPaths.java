package io.equisweep.driver.spec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and replaces one component of a nested record by its path, e.g. {@code training.learningRate} of a
 * {@link io.equisweep.workers.cell.CellSpec}: a copy through the canonical constructor with one argument
 * changed. This is what lets a cell field be declared once ({@link CellField}) instead of spelled out in a
 * constructor call per field.
 */
final class RecordPaths {
    private RecordPaths() {
    }

    /** The type of the component at {@code path} of {@code type}; fails if there is none. */
    static Class<?> type(Class<?> type, String path) {
        Class<?> at = type;
        for (String name : path.split("\\.")) {
            at = component(at, name).getType();
        }
        return at;
    }

    static Object get(Record record, String path) {
        Object at = record;
        for (String name : path.split("\\.")) {
            at = read((Record) at, component(at.getClass(), name));
        }
        return at;
    }

    /** A copy of {@code record} whose component at {@code path} is {@code value}. */
    static <R extends Record> R with(R record, String path, Object value) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        RecordComponent target = component(record.getClass(), head);
        Object replacement = dot < 0 ? value : with((Record) read(record, target), path.substring(dot + 1), value);
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getName().equals(head) ? replacement : read(record, components[i]);
        }
        return construct(canonical(record.getClass()), args);
    }

    /** A record of {@code type} from one value per component, in declaration order. */
    static <R extends Record> R construct(Class<R> type, List<Object> values) {
        return construct(canonical(type), values.toArray());
    }

    /** The component names of {@code type}, in declaration order. */
    static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static RecordComponent component(Class<?> type, String name) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not a record; cannot read '" + name + "'");
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no component '" + name + "'; it has "
                + components(type.asSubclass(Record.class)));
    }

    private static Object read(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> Constructor<R> canonical(Class<?> type) {
        List<Class<?>> types = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            types.add(c.getType());
        }
        try {
            return (Constructor<R>) type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor", e);
        }
    }

    private static <R> R construct(Constructor<R> constructor, Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.equisweep.driver.spec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
    /** A record type's components, accessors and canonical constructor, looked up once per type. */
    private record Shape(RecordComponent[] components, Method[] accessors, Constructor<?> canonical) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
            for (Method m : accessors) {
                m.setAccessible(true);
            }
            return new Shape(components, accessors, RecordPaths.canonical(type));
        }

        int index(String name) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

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
            Class<?> type = at.getClass();
            at = read((Record) at, SHAPES.get(type).accessors()[index(type, name)]);
        }
        return at;
    }

    /** A copy of {@code record} whose component at {@code path} is {@code value}. */
    static <R extends Record> R with(R record, String path, Object value) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        Shape shape = SHAPES.get(record.getClass());
        int target = index(record.getClass(), head);
        Object[] args = new Object[shape.accessors().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = read(record, shape.accessors()[i]);
        }
        args[target] = dot < 0 ? value : with((Record) args[target], path.substring(dot + 1), value);
        @SuppressWarnings("unchecked")
        Constructor<R> canonical = (Constructor<R>) shape.canonical();
        return construct(canonical, args);
    }

    /** A record of {@code type} from one value per component, in declaration order. */
    static <R extends Record> R construct(Class<R> type, List<Object> values) {
        @SuppressWarnings("unchecked")
        Constructor<R> canonical = (Constructor<R>) SHAPES.get(type).canonical();
        return construct(canonical, values.toArray());
    }

    /** The component names of {@code type}, in declaration order. */
    static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static RecordComponent component(Class<?> type, String name) {
        int i = index(type, name);
        return SHAPES.get(type).components()[i];
    }

    /** The position of component {@code name} of {@code type}; fails naming the components there are. */
    private static int index(Class<?> type, String name) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not a record; cannot read '" + name + "'");
        }
        int i = SHAPES.get(type).index(name);
        if (i < 0) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no component '" + name + "'; it has "
                    + components(type.asSubclass(Record.class)));
        }
        return i;
    }

    private static Object read(Record record, Method accessor) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    private static Constructor<?> canonical(Class<?> type) {
        List<Class<?>> types = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            types.add(c.getType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor;
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

package io.equisweep.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kryo serializer for any Java record: writes the components in declaration order and reads them back
 * through the canonical constructor (so the record's own validation runs). Kryo 4, which Spark ships,
 * cannot serialise records by reflection. Lists and maps are written element by element so that
 * immutable JDK collections (which Kryo cannot instantiate) round-trip; every element type must itself
 * be registered.
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {
    private final RecordComponent[] components;
    private final MethodHandle[] accessors;
    private final Constructor<T> constructor;

    RecordSerializer(Class<T> type) {
        super(false, true);
        this.components = type.getRecordComponents();
        this.accessors = new MethodHandle[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                accessors[i] = MethodHandles.lookup().unreflect(components[i].getAccessor());
                types[i] = components[i].getType();
            }
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot serialise record " + type.getName(), e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        for (int i = 0; i < components.length; i++) {
            Object value;
            try {
                value = accessors[i].invoke(record);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot read " + components[i].getName() + " of " + record.getClass(), t);
            }
            writeValue(kryo, output, components[i].getType(), value);
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<T> type) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = readValue(kryo, input, components[i].getType());
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot rebuild " + type.getName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getName(), e);
        }
    }

    private static void writeValue(Kryo kryo, Output out, Class<?> type, Object value) {
        if (type == int.class) {
            out.writeInt((Integer) value);
        } else if (type == long.class) {
            out.writeLong((Long) value);
        } else if (type == double.class) {
            out.writeDouble((Double) value);
        } else if (type == boolean.class) {
            out.writeBoolean((Boolean) value);
        } else if (List.class.isAssignableFrom(type)) {
            List<?> list = (List<?>) value;
            out.writeInt(list == null ? -1 : list.size(), true);
            if (list != null) {
                for (Object element : list) {
                    kryo.writeClassAndObject(out, element);
                }
            }
        } else if (Map.class.isAssignableFrom(type)) {
            Map<?, ?> map = (Map<?, ?>) value;
            out.writeInt(map == null ? -1 : map.size(), true);
            if (map != null) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    kryo.writeClassAndObject(out, e.getKey());
                    kryo.writeClassAndObject(out, e.getValue());
                }
            }
        } else if (type.isPrimitive()) {
            throw new IllegalArgumentException("unsupported primitive component type " + type);
        } else {
            kryo.writeClassAndObject(out, value);
        }
    }

    private static Object readValue(Kryo kryo, Input in, Class<?> type) {
        if (type == int.class) {
            return in.readInt();
        } else if (type == long.class) {
            return in.readLong();
        } else if (type == double.class) {
            return in.readDouble();
        } else if (type == boolean.class) {
            return in.readBoolean();
        } else if (List.class.isAssignableFrom(type)) {
            int n = in.readInt(true);
            if (n < 0) {
                return null;
            }
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(kryo.readClassAndObject(in));
            }
            return list;
        } else if (Map.class.isAssignableFrom(type)) {
            int n = in.readInt(true);
            if (n < 0) {
                return null;
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
            }
            return map;
        }
        return kryo.readClassAndObject(in);
    }
}

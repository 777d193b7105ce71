package io.equisweep.workers.arch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of architectures by spec name. */
public final class Architectures {
    private static final Map<String, Architecture> BY_NAME = new LinkedHashMap<>();

    static {
        register(new Z2Cnn());
    }

    private Architectures() {
    }

    private static void register(Architecture a) {
        BY_NAME.put(a.name(), a);
    }

    public static Optional<Architecture> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Architecture get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown architecture '" + name + "'; valid: " + String.join(", ", names())));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}

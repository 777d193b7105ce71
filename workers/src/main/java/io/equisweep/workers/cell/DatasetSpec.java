package io.equisweep.workers.cell;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset by name plus its options, already completed with the source's defaults.
 * Options are kept sorted so that equal datasets have equal string forms.
 */
public record DatasetSpec(String name, Map<String, String> options) {

    public DatasetSpec {
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }

    public String option(String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("dataset " + name + " has no option '" + key + "'");
        }
        return value;
    }

    public int intOption(String key) {
        return Integer.parseInt(option(key));
    }

    public long longOption(String key) {
        return Long.parseLong(option(key));
    }
}

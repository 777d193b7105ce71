package io.equisweep.driver.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.equisweep.workers.cell.CellSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Content-hash ids of cells: SHA-256 over the canonical JSON of the cell's config (every {@link CellField} that
 * is part of the id for this cell, at its path, keys sorted, numbers in Java's shortest round-trip form) plus
 * the dataset identity; the first 16 hex digits. The same experiment gets the same id on every run and
 * machine; the sweep name and output path are not part of it.
 */
public final class CellId {
    /** Bump only with a migration note: changing it re-runs every stored cell. */
    static final int SCHEME = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys sorted, except that scheme 1 wrote {@code evaluation.flips} before {@code evaluation.angles}. */
    private static final Comparator<String> KEY_ORDER = (a, b) -> {
        if (a.equals("flips") && b.equals("angles")) {
            return -1;
        }
        if (a.equals("angles") && b.equals("flips")) {
            return 1;
        }
        return a.compareTo(b);
    };

    private CellId() {
    }

    /** The canonical config that the id hashes (also stored with each result row). */
    public static String canonicalConfig(CellSpec cell, String datasetIdentity) {
        Map<String, Object> root = new TreeMap<>(KEY_ORDER);
        root.put("dataset", datasetIdentity);
        root.put("scheme", SCHEME);
        for (CellField<?> field : CellFields.ALL) {
            if (field.inId(cell)) {
                put(root, field.path(), field.canonicalValue(cell));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        Map<String, Object> at = root;
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(keys[i], k -> new TreeMap<>(KEY_ORDER));
        }
        at.put(keys[keys.length - 1], value instanceof Map<?, ?> m ? sorted((Map<String, Object>) m) : value);
    }

    private static Map<String, Object> sorted(Map<String, Object> m) {
        Map<String, Object> out = new TreeMap<>(KEY_ORDER);
        out.putAll(m);
        return out;
    }

    public static String of(CellSpec cell, String datasetIdentity) {
        return hash(canonicalConfig(cell, datasetIdentity));
    }

    static String hash(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

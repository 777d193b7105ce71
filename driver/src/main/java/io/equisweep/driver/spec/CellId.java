package io.equisweep.driver.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-hash ids of cells: SHA-256 over the canonical JSON of the cell's normalised config (every
 * field that changes what the cell computes, keys sorted, numbers in Java's shortest round-trip form)
 * plus the dataset identity; the first 16 hex digits. The same experiment gets the same id on every run
 * and machine; the sweep name and output path are not part of it.
 */
public final class CellId {
    /** Bump only with a migration note: changing it re-runs every stored cell. */
    static final int SCHEME = 1;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CellId() {
    }

    /** The canonical config that the id hashes (also stored with each result row). */
    public static String canonicalConfig(CellSpec cell, String datasetIdentity) {
        ObjectNode root = NODES.objectNode();
        root.put("architecture", cell.architecture());
        root.put("dataset", datasetIdentity);
        ArrayNode angles = root.putObject("evaluation").put("flips", cell.evaluation().flips()).putArray("angles");
        cell.evaluation().angles().forEach(a -> angles.add(num(a)));
        root.put("inputSize", cell.inputSize());
        root.put("scheme", SCHEME);
        root.put("seed", cell.seed());
        root.put("symmetry", cell.symmetry());
        TrainingSpec t = cell.training();
        ObjectNode training = root.putObject("training");
        // Data-parallel training changes the optimisation, so it is part of the id; single-task cells keep
        // the ids they had before the mode existed.
        boolean dataParallel = t.mode() == TrainingMode.DATA_PARALLEL;
        if (dataParallel) {
            training.put("averagingFrequency", t.averagingFrequency());
        }
        training.put("batchSize", t.batchSize());
        training.put("dropout", num(t.dropout()));
        training.put("epochs", t.epochs());
        training.put("learningRate", num(t.learningRate()));
        if (dataParallel) {
            training.put("mode", t.mode().specName());
        }
        training.put("momentum", num(t.momentum()));
        training.put("optimizer", t.optimizer().specName());
        training.putObject("schedule")
                .put("every", t.schedule().every())
                .put("factor", num(t.schedule().factor()))
                .put("type", t.schedule().type());
        training.put("weightDecay", num(t.weightDecay()));
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /** Numbers as strings in Java's shortest round-trip form, so 0.01 and 1.0e-2 hash alike. */
    private static String num(double x) {
        return Double.toString(x);
    }
}

package io.equisweep.driver.cli;

import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.spec.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The argument of commands that read results: a sweep spec (its sweep, in its output or {@code --output})
 * or a results root (every sweep in it).
 *
 * @param sweep {@code null} for a results root
 */
record ResultsTarget(SweepSpec sweep, String root) {

    static ResultsTarget of(String target, String outputOverride) {
        boolean isSpec = target.endsWith(".yaml") || target.endsWith(".yml");
        SweepSpec sweep = isSpec ? SpecReader.read(Path.of(target), null) : null;
        String root = sweep == null ? target : outputOverride != null ? outputOverride : sweep.output();
        if (sweep == null && !root.contains("://") && !Files.isDirectory(Path.of(root))) {
            throw new BadInputException(root + ": no such results folder");
        }
        return new ResultsTarget(sweep, root);
    }

    /** A results root that must already hold a {@code cells} table (checked for local paths only). */
    static String existingResults(String root) {
        if (!root.contains("://") && !Files.isDirectory(Path.of(root, "cells"))) {
            throw new BadInputException("no results at " + root + " (no 'cells' table)");
        }
        return root;
    }
}

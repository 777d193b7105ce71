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

    /**
     * A results root that {@code run} can write to, checked before anything is written or Spark starts: a local
     * path must be a folder or creatable as one (its nearest existing ancestor a writable folder). Remote URIs
     * are left to their file system.
     */
    static String writableResults(String root) {
        if (root.contains("://") && !root.startsWith("file:")) {
            return root;
        }
        Path path = Path.of(root.startsWith("file:") ? java.net.URI.create(root).getPath() : root).toAbsolutePath();
        if (Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                throw new BadInputException("output " + root + " is a file, not a folder: give a results folder, "
                        + "new or from an earlier run");
            }
            if (!Files.isWritable(path)) {
                throw new BadInputException("output " + root + " is not writable");
            }
            return root;
        }
        Path ancestor = path.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new BadInputException("output " + root + " cannot be created: " + ancestor + " is a file, not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new BadInputException("output " + root + " cannot be created: " + ancestor + " is not writable");
        }
        return root;
    }
}

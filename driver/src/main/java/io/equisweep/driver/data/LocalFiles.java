package io.equisweep.driver.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Local file-system chores of the data commands and the benchmarks. */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** Deletes a folder and everything below it. */
    public static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.equisweep.workers.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Gzipped data files decompressed once into a cache folder (next to the data by default) and reused: written
 * to a temporary name and renamed into place, so a cache file that exists is complete. It is rebuilt when the
 * {@code .gz} file is newer.
 */
final class GzipCache {
    private GzipCache() {
    }

    /** The decompressed copy of {@code gz} in {@code cacheDir}, made now unless a current one is there. */
    static Path decompressed(Path gz, Path cacheDir) {
        String name = gz.getFileName().toString();
        if (!name.endsWith(".gz")) {
            throw new IllegalArgumentException(gz + " is not a .gz file");
        }
        Path target = cacheDir.resolve(name.substring(0, name.length() - 3));
        try {
            if (Files.isRegularFile(target)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(gz)) >= 0) {
                return target;
            }
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DatasetException(cacheDir + ": cannot use as the cache for " + gz + ": " + e.getMessage(), e);
        }
        Path temp = cacheDir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
             OutputStream out = Files.newOutputStream(temp)) {
            in.transferTo(out);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new DatasetException(gz + ": not a valid gzip file (" + e.getMessage() + ")", e);
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new DatasetException(target + ": cannot write the decompressed copy of " + gz + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the temporary name is never read
        }
    }
}

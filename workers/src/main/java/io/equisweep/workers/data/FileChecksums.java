package io.equisweep.workers.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of data files, cached per JVM by path, size and modification time; for files of at least
 * {@link #PERSISTED_BYTES} also on disk under {@code -Dequisweep.checksums} (default
 * {@code ~/.equisweep/checksums}), so that reading a spec does not hash gigabytes each time.
 */
final class FileChecksums {
    static final long PERSISTED_BYTES = 64L << 20;
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private FileChecksums() {
    }

    static String sha256(Path file) {
        try {
            String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            long size = Files.size(file);
            return CACHE.computeIfAbsent(key, k -> size >= PERSISTED_BYTES ? persisted(k, file) : compute(file));
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static Path cacheDir() {
        return Path.of(System.getProperty("equisweep.checksums", System.getProperty("user.home") + "/.equisweep/checksums"));
    }

    private static String persisted(String key, Path file) {
        Path entry;
        try {
            entry = cacheDir().resolve(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            String stored = Files.readString(entry).trim();
            if (stored.matches("[0-9a-f]{64}")) {
                return stored;
            }
        } catch (IOException absent) {
            // computed below
        }
        String sum = compute(file);
        try {
            Files.createDirectories(entry.getParent());
            Path temp = Files.createTempFile(entry.getParent(), ".sum", ".tmp");
            Files.writeString(temp, sum);
            Files.move(temp, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // an unwritable cache only costs the next JVM a recomputation
        }
        return sum;
    }

    private static String compute(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

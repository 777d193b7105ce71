package io.equisweep.driver.data;

import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.DatasetException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Lets a dataset live on any Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code file://}, ...):
 * a location option ({@code dir}, {@code trainImages}, ...) given as a URI with a scheme is copied once
 * per JVM into a local cache, and the spec handed to the workers names the local copy. The driver does
 * it to compute checksums and split sizes; each executor does it before running a cell. The workers only
 * ever read local files.
 */
public final class DatasetLocalizer {
    static final List<String> LOCATION_OPTIONS = List.of("dir", "trainImages", "trainLabels", "testImages", "testLabels");
    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private DatasetLocalizer() {
    }

    static boolean isRemote(String location) {
        return location != null && location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /** {@code spec} with every remote location replaced by a local copy (the spec itself when none is remote). */
    public static DatasetSpec localize(DatasetSpec spec, Configuration hadoop) {
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        boolean changed = false;
        for (String key : LOCATION_OPTIONS) {
            String location = options.get(key);
            if (isRemote(location)) {
                options.put(key, copy(location, hadoop).toString());
                changed = true;
            }
        }
        return changed ? new DatasetSpec(spec.name(), options) : spec;
    }

    private static Path copy(String location, Configuration hadoop) {
        return COPIES.computeIfAbsent(location, l -> {
            try {
                Path target = cacheDir().resolve(digest(l));
                org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(URI.create(l));
                FileSystem fs = source.getFileSystem(hadoop);
                FileStatus status = fs.getFileStatus(source);
                Path tmp = Files.createTempDirectory(cacheDir(), "incoming");
                if (status.isDirectory()) {
                    // Subfolders too: an image folder keeps its images in train/<class>/, test/<class>/.
                    for (FileStatus child : fs.listStatus(source)) {
                        fs.copyToLocalFile(false, child.getPath(),
                                new org.apache.hadoop.fs.Path(tmp.resolve(child.getPath().getName()).toUri()), true);
                    }
                } else {
                    fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(tmp.resolve(source.getName()).toUri()), true);
                }
                if (Files.exists(target)) {
                    LocalFiles.deleteTree(target);
                }
                Files.move(tmp, target);
                return status.isDirectory() ? target : target.resolve(source.getName());
            } catch (java.io.FileNotFoundException e) {
                throw new DatasetException(l + ": no such file or directory");
            } catch (IOException | IllegalArgumentException e) {
                throw new DatasetException(l + ": cannot copy it locally: " + e.getMessage(), e);
            }
        });
    }

    private static Path cacheDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "equisweep-data-cache"));
    }

    private static String digest(String location) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(location.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

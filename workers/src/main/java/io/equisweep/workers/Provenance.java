package io.equisweep.workers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The exact build of the workers that computed a result: {@code git:<commit>} (with {@code +dirty} when the tree
 * had uncommitted changes) as recorded at build time, or, for a build outside git, {@code classes:<hash>}, the
 * first 16 hex digits of SHA-256 over the workers' class files (names and contents, in name order).
 */
public final class Provenance {
    private static final String PACKAGE = "io/equisweep/workers/";
    private static final String BUILD = compute();

    private Provenance() {
    }

    public static String build() {
        return BUILD;
    }

    private static String compute() {
        try (InputStream in = Provenance.class.getResourceAsStream("equisweep-git.properties")) {
            if (in != null) {
                Properties git = new Properties();
                git.load(in);
                String commit = git.getProperty("git.commit.id", "");
                if (!commit.isEmpty()) {
                    return "git:" + commit + (Boolean.parseBoolean(git.getProperty("git.dirty")) ? "+dirty" : "");
                }
            }
            return "classes:" + classesHash();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workers' build information", e);
        }
    }

    private static String classesHash() throws IOException {
        Path location;
        try {
            location = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return "unknown";
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        if (Files.isDirectory(location)) {
            Path root = location.resolve(PACKAGE);
            List<Path> classes;
            try (Stream<Path> files = Files.walk(root)) {
                classes = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            for (Path c : classes) {
                sha.update(root.relativize(c).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(c));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                List<String> names = new ArrayList<>();
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(PACKAGE) && n.endsWith(".class")).forEach(names::add);
                Collections.sort(names);
                for (String name : names) {
                    sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}

package io.equisweep.workers;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ND4J native library this JVM loaded. The oneDNN build is several times faster for the
 * convolutions here; it is chosen by {@code -Dorg.bytedeco.javacpp.platform.extension=-onednn}, and a
 * JVM started without that flag silently falls back to the generic build, so every JVM reports it.
 */
public final class NativeBackend {
    private static final Logger LOG = LoggerFactory.getLogger(NativeBackend.class);
    private static volatile String description;

    private NativeBackend() {
    }

    /**
     * Starts loading ND4J's native library (0.9 s here) on a daemon thread, so that it overlaps with
     * whatever the caller does next, such as starting Spark (1.9 s); {@link #describe} waits for it.
     */
    public static void loadInBackground() {
        if (description == null) {
            Thread t = new Thread(NativeBackend::describe, "nd4j-load");
            t.setDaemon(true);
            t.start();
        }
    }

    /** E.g. {@code nd4j-cpu linux-x86_64-onednn}; initialises ND4J and logs the result once. */
    public static String describe() {
        String d = description;
        if (d == null) {
            synchronized (NativeBackend.class) {
                if (description == null) {
                    description = probe();
                    if (isOneDnn(description)) {
                        LOG.info("ND4J native backend: {}", description);
                    } else {
                        LOG.warn("ND4J native backend: {} (not the oneDNN build: convolutions will be slow; "
                                + "start the JVM with -Dorg.bytedeco.javacpp.platform.extension=-onednn)", description);
                    }
                }
                d = description;
            }
        }
        return d;
    }

    public static boolean isOneDnn(String description) {
        return description.endsWith("-onednn");
    }

    private static String probe() {
        Nd4j.create(1);
        String path = Loader.getLoadedLibraries().get("nd4jcpu");
        String platform = "unknown";
        if (path != null) {
            Path parent = Paths.get(path).getParent();
            if (parent != null && parent.getFileName() != null) {
                platform = parent.getFileName().toString();
            }
        }
        boolean oneDnnCompiled = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        if (platform.endsWith("-onednn") && !oneDnnCompiled) {
            platform += "(without oneDNN)";
        }
        return "nd4j-cpu " + platform;
    }
}

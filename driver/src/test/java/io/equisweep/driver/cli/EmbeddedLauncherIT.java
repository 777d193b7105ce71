package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first set-up command, as a user runs it: the {@code ./equisweep} launcher on the packaged jar and the
 * embedded classpath it builds (not the test classpath), through a sweep whose commit goes through a Spark shuffle.
 * A dependency that drops out of that classpath (as Spark's LZ4 codec once did, when another library named it at
 * runtime scope) fails here, not in a user's first run.
 */
class EmbeddedLauncherIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherRunsASweepOnEmbeddedSpark() throws Exception {
        Path root = Path.of(System.getProperty("equisweep.root"));
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                name: tiny
                dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 32}}
                grid: {architecture: z2cnn, inputSize: 28, seed: [1, 2]}
                training: {epochs: 1, batchSize: 32}
                evaluation: {angles: [0, 90]}
                """);
        Path log = dir.resolve("launcher.log");
        Process p = new ProcessBuilder(root.resolve("equisweep").toString(), "run", spec.toString(), "--output",
                dir.resolve("results").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished within 5 minutes").isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("finished in", "2 ok").doesNotContain("NoClassDefFoundError");

        Process summary = new ProcessBuilder(root.resolve("equisweep").toString(), "summary", "--output",
                dir.resolve("results").toString(), spec.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("summary.log").toFile()).start();
        assertThat(summary.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(summary.exitValue()).as(Files.readString(dir.resolve("summary.log"))).isZero();
    }
}

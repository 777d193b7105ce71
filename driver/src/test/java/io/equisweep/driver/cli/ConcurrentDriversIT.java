package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.spark.EquisweepConf;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.CellsTable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several drivers on one results root: different sweeps, the same sweep, and one of two killed mid-sweep. Every
 * cell ends up ok exactly once, no cell runs twice while its driver lives, and nothing is left half-written.
 */
class ConcurrentDriversIT {
    private static final String SPEC = """
            name: NAME
            dataset: {name: synthetic, options: {trainSize: 128, validationSize: 16, testSize: 32}}
            grid: {architecture: z2cnn, inputSize: 16, seed: {from: 1, to: CELLS}}
            training: {epochs: EPOCHS, batchSize: 32, dropout: 0}
            evaluation: {angles: [0]}
            """;

    @TempDir
    Path dir;

    private Path spec(String name, int cells, int epochs) throws Exception {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, SPEC.replace("NAME", name).replace("CELLS", String.valueOf(cells))
                .replace("EPOCHS", String.valueOf(epochs)));
        return spec;
    }

    private Process driver(Path spec, String log, long claimTimeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.add("-D" + EquisweepConf.CLAIM_TIMEOUT_SECONDS.key() + "=" + claimTimeoutSeconds);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                spec.toString(), "--master", "local[1]", "--output", dir.resolve("results").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    private static int exit(Process p) throws Exception {
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("driver finished").isTrue();
        return p.exitValue();
    }

    /** Lines "[i/n ...] ok <cell id> ..." of a driver's log: the cells it ran and committed. */
    private List<String> ran(String log) throws Exception {
        return Files.readAllLines(dir.resolve(log)).stream().filter(l -> l.matches("\\[\\d+/\\d+ .*\\] ok .*"))
                .map(l -> l.replaceAll(".*\\] ok\\s+([0-9a-f]{16}).*", "$1")).toList();
    }

    private Map<String, Long> okRowsByCell(String sweep) {
        try (SparkSession spark = SparkSessions.create("check", "local[1]")) {
            return spark.read().parquet(dir.resolve("results").resolve(CellsTable.NAME).toString())
                    .where("sweep = '" + sweep + "' AND status = 'ok'").collectAsList().stream()
                    .collect(Collectors.groupingBy(r -> r.<String>getAs("cell_id"), Collectors.counting()));
        }
    }

    private void nothingLeftHalfWritten() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("_temporary") || p.endsWith(".inprogress"));
        }
    }

    @Test
    @Timeout(300)
    void twoDriversOnTwoSweepsShareOneRoot() throws Exception {
        Process a = driver(spec("first", 5, 1), "first.log", 60);
        Process b = driver(spec("second", 5, 1), "second.log", 60);
        assertThat(exit(a)).as(Files.readString(dir.resolve("first.log"))).isZero();
        assertThat(exit(b)).as(Files.readString(dir.resolve("second.log"))).isZero();
        for (String sweep : List.of("first", "second")) {
            assertThat(okRowsByCell(sweep)).as(sweep).hasSize(5).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        }
        assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain("left by a run that was killed");
        nothingLeftHalfWritten();
    }

    @Test
    @Timeout(300)
    void twoDriversOnOneSweepRunEachCellOnce() throws Exception {
        Path spec = spec("shared", 8, 1);
        Process a = driver(spec, "a.log", 60);
        Process b = driver(spec, "b.log", 60);
        assertThat(exit(a)).as(Files.readString(dir.resolve("a.log"))).isZero();
        assertThat(exit(b)).as(Files.readString(dir.resolve("b.log"))).isZero();
        List<String> runs = new ArrayList<>(ran("a.log"));
        runs.addAll(ran("b.log"));
        assertThat(runs).as("cell runs over both drivers").hasSize(8).doesNotHaveDuplicates();
        assertThat(okRowsByCell("shared")).hasSize(8).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        nothingLeftHalfWritten();
    }

    @Test
    @Timeout(300)
    void aKilledDriversCellsAreTakenOverOnceItsClaimsExpire() throws Exception {
        Path spec = spec("killed", 6, 3);
        Path claims = dir.resolve("results").resolve("_claims").resolve("killed");
        Process a = driver(spec, "a.log", 8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!hasClaim(claims) && a.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hasClaim(claims)).as("driver a claimed a cell; see a.log").isTrue();
        Process b = driver(spec, "b.log", 8);
        Thread.sleep(1500);
        a.destroyForcibly().waitFor();
        assertThat(exit(b)).as(Files.readString(dir.resolve("b.log"))).isZero();
        List<String> byA = ran("a.log");
        List<String> byB = ran("b.log");
        assertThat(byB).as("b ran the cell a was running when it was killed").isNotEmpty().doesNotHaveDuplicates();
        assertThat(byA).doesNotContainAnyElementsOf(byB);
        assertThat(okRowsByCell("killed")).as("a: %s, b: %s", byA, byB).hasSize(6)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(Files.readString(dir.resolve("b.log"))).doesNotContain("left by a run that was killed");
    }

    private static boolean hasClaim(Path claims) throws Exception {
        if (!Files.isDirectory(claims)) {
            return false;
        }
        try (Stream<Path> files = Files.list(claims)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".claim"));
        }
    }
}

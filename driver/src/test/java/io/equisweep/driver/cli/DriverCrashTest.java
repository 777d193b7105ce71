package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.CellsTable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the driver mid-sweep, then run again: every cell ends up ok exactly once and the cells
 * committed before the kill are not run again.
 */
class DriverCrashTest {
    static final String SPEC = """
            name: crash
            dataset: {name: synthetic, options: {trainSize: 256, validationSize: 32, testSize: 64}}
            grid: {architecture: z2cnn, inputSize: 28, seed: [1, 2, 3, 4, 5, 6, 7, 8]}
            training: {epochs: 2, batchSize: 32, dropout: 0}
            evaluation: {angles: [0]}
            """;

    @TempDir
    Path dir;

    private static long committedFiles(Path table) throws Exception {
        Path partition = table.resolve("sweep=crash");
        if (!Files.isDirectory(partition)) {
            return 0;
        }
        try (var files = Files.list(partition)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        }
    }

    private static Map<String, List<Row>> rowsByCell(SparkSession spark, String out) {
        Map<String, List<Row>> byCell = new HashMap<>();
        for (Row r : spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList()) {
            byCell.computeIfAbsent(r.getAs("cell_id"), k -> new ArrayList<>()).add(r);
        }
        return byCell;
    }

    @Test
    void aKilledDriverLosesOnlyRunningCellsAndARerunCompletesEachCellOnce() throws Exception {
        Path spec = dir.resolve("crash.yaml");
        Files.writeString(spec, SPEC);
        String out = dir.resolve("results").toString();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                spec.toString(), "--master", "local[2]", "--output", out));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile()).start();
        Path cells = dir.resolve("results").resolve(CellsTable.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (committedFiles(cells) < 2 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(driver.isAlive()).as("the driver finished before it could be killed; see %s",
                dir.resolve("driver.log")).isTrue();
        driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no shutdown hooks, no cleanup

        Map<String, Object> finishedBeforeKill = new HashMap<>();
        try (SparkSession spark = SparkSessions.create("crash-read", "local[1]")) {
            rowsByCell(spark, out).forEach((id, rows) -> finishedBeforeKill.put(id, rows.get(0).getAs("finished_at")));
        }
        assertThat(finishedBeforeKill).hasSizeBetween(2, 7);

        CliRunner rerun = CliRunner.run("run", spec.toString(), "--master", "local[2]", "--output", out);
        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("running " + (8 - finishedBeforeKill.size()) + " of 8 cells ("
                + finishedBeforeKill.size() + " already ok)");

        try (SparkSession spark = SparkSessions.create("crash-verify", "local[1]")) {
            Map<String, List<Row>> after = rowsByCell(spark, out);
            assertThat(after).hasSize(8);
            after.forEach((id, rows) -> {
                assertThat(rows).as(id).hasSize(1);
                assertThat(rows.get(0).<String>getAs("status")).isEqualTo("ok");
            });
            finishedBeforeKill.forEach((id, finished) ->
                    assertThat(after.get(id).get(0).<Object>getAs("finished_at")).as("%s was not rerun", id).isEqualTo(finished));
        }
    }
}

package io.equisweep.driver.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cli.Main;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.DetailTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a real standalone cluster (a master and two workers on 127.0.0.1, authentication
 * on): client mode and cluster mode give the same metrics as an embedded run of the same spec, cells
 * run on both workers, an executor that dies mid-cell is replaced and its cell retried, and a worker
 * killed mid-sweep loses no cell and duplicates none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    static final String SPEC = """
            name: cluster
            dataset: {name: synthetic, options: {trainSize: 256, validationSize: 32, testSize: 64}}
            grid: {architecture: [z2cnn, p4cnn], inputSize: 28, seed: [1, 2, 3]}
            training: {epochs: 1, batchSize: 32, dropout: 0}
            evaluation: {angles: [0, 45]}
            """;
    static final List<String> METRICS = List.of("status", "parameter_count", "final_train_loss", "train_accuracy",
            "validation_accuracy", "test_accuracy", "mean_rotation_accuracy", "worst_rotation_accuracy", "c4_accuracy",
            "d4_accuracy", "equivariance_error", "logit_invariance_error");
    static final long SUBMIT_TIMEOUT_SECONDS = 420;

    @TempDir
    static Path dir;
    static Path spec;
    static LocalStandaloneCluster cluster;
    static Map<String, List<Object>> embedded;
    static Map<String, Double> embeddedAngles;

    @BeforeAll
    static void embeddedRunAndCluster() throws Exception {
        spec = dir.resolve("cluster.yaml");
        Files.writeString(spec, SPEC);
        String out = dir.resolve("embedded").toUri().toString();
        assertThat(Main.run("run", spec.toString(), "--master", "local[2]", "--output", out)).isZero();
        try (SparkSession spark = readSession()) {
            embedded = metricsByCell(spark, out);
            embeddedAngles = angles(spark, out);
        }
        assertThat(embedded).hasSize(6);
        Files.createDirectories(dir.resolve("cluster"));
        cluster = new LocalStandaloneCluster(dir.resolve("cluster"), 2, 2, "2g");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static SparkSession readSession() {
        return SparkSessions.create("cluster-it-read", "local[1]");
    }

    static Map<String, List<Object>> metricsByCell(SparkSession spark, String out) {
        Map<String, List<Object>> byCell = new TreeMap<>();
        for (Row r : spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList()) {
            List<Object> values = new ArrayList<>();
            METRICS.forEach(c -> values.add(r.getAs(c)));
            assertThat(byCell.put(r.getAs("cell_id"), values)).as("a second row for %s", (Object) r.getAs("cell_id")).isNull();
        }
        return byCell;
    }

    static Map<String, Double> angles(SparkSession spark, String out) {
        Map<String, Double> accuracy = new TreeMap<>();
        for (Row r : spark.read().parquet(out + "/" + DetailTables.ANGLES).collectAsList()) {
            accuracy.put(r.getAs("cell_id") + " " + r.getAs("transform") + " " + r.getAs("angle"), r.getAs("accuracy"));
        }
        return accuracy;
    }

    static List<Row> cells(String out) {
        try (SparkSession spark = readSession()) {
            return spark.read().parquet(out + "/" + CellsTable.NAME).collectAsList();
        }
    }

    private static void assertSameMetricsAsEmbedded(String out) {
        try (SparkSession spark = readSession()) {
            assertThat(metricsByCell(spark, out)).isEqualTo(embedded);
            assertThat(angles(spark, out)).isEqualTo(embeddedAngles);
        }
    }

    private static void awaitOk(Process submit, Path log) throws Exception {
        int exit = LocalStandaloneCluster.await(submit, log, SUBMIT_TIMEOUT_SECONDS);
        assertThat(exit).as("spark-submit exit code; its log:\n%s\n%s", LocalStandaloneCluster.tail(log), cluster.driverLogs())
                .isZero();
    }

    @Test
    @Order(1)
    void clientModeRunsOnBothWorkersRetriesALostExecutorAndMatchesAnEmbeddedRun() throws Exception {
        String halted = GridExpander.expand(SpecReader.read(spec, null)).get(0).spec().id();
        String out = dir.resolve("client").toUri().toString();
        Path log = dir.resolve("client.log");
        awaitOk(cluster.submit("client", log, Map.of(io.equisweep.driver.spark.EquisweepConf.HALT_EXECUTOR_ON_FIRST_ATTEMPT.key(), halted),
                "run", spec.toString(), "--output", out), log);

        List<Row> rows = cells(out);
        Map<String, Integer> attempts = rows.stream().collect(Collectors.toMap(r -> r.getAs("cell_id"), r -> r.getAs("attempt")));
        assertThat(attempts).as("one row per cell").hasSize(6);
        assertThat(attempts).containsEntry(halted, 2);
        attempts.forEach((id, attempt) -> assertThat(attempt).as(id).isEqualTo(id.equals(halted) ? 2 : 1));
        assertThat(Files.readString(log)).contains("exited with code " + 97);

        Set<String> usedExecutors = rows.stream().map(r -> r.<String>getAs("executor_id")).collect(Collectors.toSet());
        for (int worker = 1; worker <= 2; worker++) {
            Set<String> onWorker = cluster.executorIdsOnWorker(worker).stream()
                    .map(p -> p.substring(p.indexOf('/') + 1)).collect(Collectors.toSet());
            assertThat(onWorker).as("executors on worker %d ran cells", worker).containsAnyElementsOf(usedExecutors);
        }
        assertSameMetricsAsEmbedded(out);
    }

    @Test
    @Order(2)
    void clusterModeRunsTheDriverOnAWorkerAndMatchesAnEmbeddedRun() throws Exception {
        String out = dir.resolve("cluster-mode").toUri().toString();
        Path log = dir.resolve("cluster-mode.log");
        awaitOk(cluster.submit("cluster", log, Map.of(), "run", spec.toString(), "--output", out), log);
        assertThat(cluster.driverLogs()).as("a driver ran inside a worker").contains("/driver-");
        assertThat(cells(out)).allSatisfy(r -> assertThat(r.<String>getAs("status")).isEqualTo("ok"));
        assertSameMetricsAsEmbedded(out);
    }

    @Test
    @Order(3)
    void aDataParallelCellTrainsOnTheExecutorsFromTheDriver() throws Exception {
        Path dataParallel = dir.resolve("data-parallel.yaml");
        Files.writeString(dataParallel, SPEC.replace("name: cluster", "name: dp").replace("seed: [1, 2, 3]", "seed: 1")
                .replace("architecture: [z2cnn, p4cnn]", "architecture: z2cnn")
                .replace("epochs: 1,", "epochs: 2, mode: data-parallel,"));
        String out = dir.resolve("data-parallel").toUri().toString();
        Path log = dir.resolve("data-parallel.log");
        awaitOk(cluster.submit("client", log, Map.of(), "run", dataParallel.toString(), "--output", out), log);
        // 8 minibatches per epoch, at most 2 workers × 5 per averaging round: one round, every batch built remotely.
        assertThat(Files.readString(log)).containsPattern(
                "data-parallel epoch 2: \\d+ minibatches built on the executors, averaging rounds 1, workers 2");
        List<Row> rows = cells(out);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.<String>getAs("status")).isEqualTo("ok");
            assertThat(r.<String>getAs("training_mode")).isEqualTo("data-parallel");
            assertThat(r.<String>getAs("executor_id")).isEqualTo("driver");
        });
    }

    @Test
    @Order(4)
    void aWorkerKilledMidSweepLosesNoCellAndDuplicatesNone() throws Exception {
        Path bigger = dir.resolve("worker-loss.yaml");
        Files.writeString(bigger, SPEC.replace("name: cluster", "name: workerloss")
                .replace("seed: [1, 2, 3]", "seed: [1, 2, 3, 4, 5]").replace("epochs: 1", "epochs: 2"));
        String out = dir.resolve("worker-loss").toUri().toString();
        Path log = dir.resolve("worker-loss.log");
        Process submit = cluster.submit("client", log, Map.of(), "run", bigger.toString(), "--output", out);
        Path committed = dir.resolve("worker-loss").resolve(CellsTable.NAME).resolve("sweep=workerloss");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SUBMIT_TIMEOUT_SECONDS);
        while (parquetFiles(committed) < 2 && submit.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(submit.isAlive()).as("the sweep ended before a worker could be killed:\n%s",
                LocalStandaloneCluster.tail(log)).isTrue();
        cluster.killWorker(2);
        awaitOk(submit, log);

        Map<String, List<String>> statuses = new HashMap<>();
        cells(out).forEach(r -> statuses.computeIfAbsent(r.getAs("cell_id"), k -> new ArrayList<>()).add(r.getAs("status")));
        assertThat(statuses).hasSize(10);
        statuses.forEach((id, s) -> assertThat(s).as(id).containsExactly("ok"));
    }

    private static long parquetFiles(Path partition) throws Exception {
        if (!Files.isDirectory(partition)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        }
    }
}

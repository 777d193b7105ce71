package io.equisweep.driver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.workers.cell.AccuracySummary;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.TransformAccuracy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits are plain Parquet files of their own, written without a Spark job, that Spark reads as its own. */
class CommitFilesTest {
    @TempDir
    Path dir;

    private static List<Row> sorted(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        out.sort(java.util.Comparator.comparing(Row::toString));
        return out;
    }

    @Test
    void aCommitIsOneFilePerTableNamedByCellAndCommitAndReadsBackRowForRow() throws Exception {
        PlannedCell planned = GridExpander.expand(SpecReader.parse(
                "name: files\ndataset: {name: synthetic}\ngrid: {architecture: p4cnn, inputSize: 28}\n", "t.yaml", null)).get(0);
        String id = planned.spec().id();
        CellResult result = new CellResult(id, CellStatus.OK, "", 0, 24_810, 1.5, 0.5, 1_000_123L, 2_000_456L, 0.7, 0.8,
                0.75, 0.9, List.of(new EpochRecord(1, 0.9, 0.6, 0.55, 0.01, 1.2), new EpochRecord(2, 0.7, 0.8, 0.75, 0.01, 1.1)),
                List.of(new TransformAccuracy("rotation", 0, 0.9), new TransformAccuracy("rotation", 90, 0.9)),
                new AccuracySummary(0.9, 0.9, 0.9, 0, 0.9, Double.NaN),
                List.of(new LayerError(LayerError.INIT, 0, 0, "relu1", "r", 1e-7, 2e-7),
                        new LayerError(LayerError.TRAINING, 1, 0, "relu1", "r", 3e-7, 4e-7),
                        new LayerError(LayerError.TRAINED, 2, 0, "relu1", "r", 5e-7, 6e-7)), 0.3, "backend");
        String root = dir.resolve("results").toString();
        try (SparkSession spark = SparkSessions.create("commit-files", "local[1]")) {
            ResultStore store = new ResultStore(spark, root);
            String commit = store.commit("files", planned, new CellAttempt(result, "7", "host", 1), "v");
            for (String table : Compaction.TABLES) {
                Path partition = dir.resolve("results").resolve(table).resolve("sweep=files");
                try (Stream<Path> files = Files.list(partition)) {
                    assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                            .as(table).containsExactly("part-" + id + "-" + commit + ".parquet");
                }
                try (Stream<Path> all = Files.walk(dir.resolve("results").resolve(table))) {
                    assertThat(all.map(Path::toString)).as("nothing shared, nothing in progress")
                            .noneMatch(p -> p.contains("_temporary") || p.endsWith(CommitFiles.IN_PROGRESS));
                }
            }
            // Spark reads every column back with the value and type it would have written itself.
            Row expected = CellsTable.row(new CellsTable.Commit("files", commit, planned, new CellAttempt(result, "7", "host", 1), "v"));
            Row read = spark.read().parquet(root + "/cells").selectExpr(CellsTable.SCHEMA.fieldNames()).first();
            assertThat(read.schema().fields()).extracting(f -> f.name() + ":" + f.dataType())
                    .containsExactlyElementsOf(java.util.Arrays.stream(CellsTable.SCHEMA.fields()).map(f -> f.name() + ":" + f.dataType()).toList());
            for (int i = 0; i < expected.length(); i++) {
                assertThat((Object) read.get(i)).as(CellsTable.SCHEMA.fields()[i].name()).isEqualTo(expected.get(i));
            }
            assertThat(sorted(spark.read().parquet(root + "/epochs").selectExpr(DetailTables.EPOCHS_SCHEMA.fieldNames()).collectAsList()))
                    .isEqualTo(sorted(DetailTables.epochs("files", commit, result)));
            assertThat(sorted(spark.read().parquet(root + "/layers").selectExpr(DetailTables.LAYERS_SCHEMA.fieldNames()).collectAsList()))
                    .isEqualTo(sorted(DetailTables.layers("files", commit, result)));
            assertThat(store.latestStates().get("files")).containsEntry(id, io.equisweep.driver.cells.CellState.OK);
        }
    }

    @Test
    void recoveryRemovesOnlyWhatWritersLeftLongAgo() throws Exception {
        Path partition = Files.createDirectories(dir.resolve("results/cells/sweep=s"));
        Path abandoned = Files.writeString(partition.resolve(".part-a-1.parquet" + CommitFiles.IN_PROGRESS), "x");
        Path live = Files.writeString(partition.resolve(".part-b-2.parquet" + CommitFiles.IN_PROGRESS), "x");
        Path oldTemporary = Files.createDirectories(dir.resolve("results/epochs/_temporary/0"));
        Path liveTemporary = Files.createDirectories(dir.resolve("results/angles/_temporary/0"));
        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(abandoned, hourAgo);
        Files.setLastModifiedTime(oldTemporary.getParent(), hourAgo);
        try (SparkSession spark = SparkSessions.create("recover", "local[1]")) {
            List<String> removed = new ResultStore(spark, dir.resolve("results").toString()).recover(600_000);
            assertThat(removed).hasSize(2);
        }
        assertThat(abandoned).doesNotExist();
        assertThat(oldTemporary.getParent()).doesNotExist();
        assertThat(live).exists();
        assertThat(liveTemporary).exists();
    }

    /** More than 32 sweeps in one table: Spark would list them with a job of its own (Kryo refused its results). */
    @Test
    void aRootWithManySweepsReads() throws Exception {
        PlannedCell planned = GridExpander.expand(SpecReader.parse(
                "name: many\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28}\n", "t.yaml", null)).get(0);
        String root = dir.resolve("results").toString();
        try (SparkSession spark = SparkSessions.create("many-sweeps", "local[1]")) {
            ResultStore store = new ResultStore(spark, root);
            long now = System.currentTimeMillis();
            CellResult ok = new CellResult(planned.spec().id(), CellStatus.OK, "", 0, 1, 1, 1, now, now, 0.5, 0.5, 0.5, 0.5,
                    List.of(), List.of(), AccuracySummary.NONE, List.of(), 0, "none");
            for (int i = 0; i < 40; i++) {
                store.commit("sweep" + i, planned, new CellAttempt(ok, "1", "h", 1), "v");
            }
            assertThat(store.latestStates()).hasSize(40);
        }
    }
}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's per-commit cells files fold into one, rows unchanged; a fold killed half-way is finished by recovery. */
class CellsFoldingTest {
    @TempDir
    Path dir;

    private static List<String> rows(SparkSession spark, String root) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read().parquet(root + "/cells").selectExpr(CellsTable.SCHEMA.fieldNames()).collectAsList()) {
            out.add(r.toString());
        }
        Collections.sort(out);
        return out;
    }

    private static long files(Path partition) throws Exception {
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void foldsPerCommitFilesIntoOneWithEveryRowAndFinishesAnInterruptedFold() throws Exception {
        List<PlannedCell> cells = GridExpander.expand(SpecReader.parse("name: fold\ndataset: {name: synthetic}\n"
                + "grid: {architecture: z2cnn, inputSize: 28, seed: {from: 1, to: 70}}\n", "t.yaml", null));
        String root = dir.resolve("results").toString();
        Path partition = dir.resolve("results/cells/sweep=fold");
        try (SparkSession spark = SparkSessions.create("fold", "local[1]")) {
            ResultStore store = new ResultStore(spark, root);
            for (PlannedCell c : cells.subList(0, 10)) {
                store.commit("fold", c, attempt(c), "v");
            }
            assertThat(CellsFolding.fold(spark, store, "fold")).as("too few files to fold").isZero();
            for (PlannedCell c : cells.subList(10, 70)) {
                store.commit("fold", c, attempt(c), "v");
            }
            List<String> before = rows(spark, root);
            assertThat(before).hasSize(70);
            assertThat(CellsFolding.fold(spark, store, "fold")).isEqualTo(70);
            assertThat(files(partition)).isEqualTo(1);
            assertThat(rows(spark, root)).isEqualTo(before);
            assertThat(store.latestStates().get("fold")).hasSize(70);

            // A fold killed after writing its file and before deleting the ones it replaces: the next recovery deletes them.
            Path folded;
            try (Stream<Path> f = Files.list(partition)) {
                folded = f.filter(p -> p.getFileName().toString().startsWith(CellsFolding.PREFIX)).findFirst().orElseThrow();
            }
            for (PlannedCell c : cells.subList(0, 64)) {
                store.commit("fold", c, attempt(c), "v");
            }
            List<String> withRerun = rows(spark, root);
            Path copy = dir.resolve("keep.parquet");
            Files.copy(folded, copy);
            assertThat(CellsFolding.fold(spark, store, "fold")).isEqualTo(65);
            Path second;
            try (Stream<Path> f = Files.list(partition)) {
                second = f.filter(p -> p.getFileName().toString().startsWith(CellsFolding.PREFIX)).findFirst().orElseThrow();
            }
            Files.move(copy, folded);
            assertThat(rows(spark, root)).as("the replaced file back: rows twice").hasSize(withRerun.size() + 70);
            // Whatever order the folded files are listed in (a replaced folded file may be listed, then deleted).
            assertThat(store.recover(600_000)).containsExactly(new org.apache.hadoop.fs.Path(folded.toUri()).toString());
            assertThat(store.recover(600_000)).isEmpty();
            assertThat(second).exists();
            assertThat(rows(spark, root)).isEqualTo(withRerun);
        }
    }

    private static CellAttempt attempt(PlannedCell c) {
        long now = System.currentTimeMillis();
        return new CellAttempt(new CellResult(c.spec().id(), CellStatus.OK, "", 0, 1, 1, 1, now, now, 0.5, 0.5, 0.5, 0.5,
                List.of(), List.of(), AccuracySummary.NONE, List.of(), 0, "none"), "1", "h", 1);
    }
}

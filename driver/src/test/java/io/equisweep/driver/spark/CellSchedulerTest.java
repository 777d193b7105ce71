package io.equisweep.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.spec.GridExpander;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.driver.spec.SpecReader;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CellSchedulerTest {
    private static final String SPEC = """
            name: overlap
            dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 16}}
            grid: {architecture: [z2cnn, p4cnn], inputSize: 28, symmetry: upright, seed: [1, 2, 3]}
            training: {epochs: 1, batchSize: 32, dropout: 0}
            evaluation: {angles: [0]}
            """;

    /** What the callback saw: when it was called for a cell, and when that cell's task had started. */
    private record Seen(String cell, long called, long returned, long started) {
    }

    private static List<CellSpec> cells() {
        return GridExpander.expand(SpecReader.parse(SPEC, "test", null)).stream().map(PlannedCell::spec).toList();
    }

    private static CellSpec cell(String architecture, long seed) {
        return cells().stream().filter(c -> c.architecture().equals(architecture) && c.seed() == seed).findFirst()
                .orElseThrow();
    }

    @Test
    void aSlowCommitDoesNotHoldBackTheOtherSlot() throws Exception {
        // Two slots: a quick z2cnn cell and a slower p4cnn cell start together. The quick one's commit takes
        // 6 s; the p4cnn cell ends meanwhile, and its slot must take the last cell at once, not after that commit.
        List<CellSpec> order = List.of(cell("z2cnn", 1), cell("p4cnn", 1), cell("z2cnn", 2), cell("z2cnn", 3));
        List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (SparkSession spark = SparkSessions.create("overlap", "local[2]")) {
            new CellScheduler(spark, "overlap").run(order, attempt -> {
                long called = System.currentTimeMillis();
                if (seen.isEmpty()) {
                    sleep(6000);
                }
                seen.add(new Seen(attempt.result().cellId(), called, System.currentTimeMillis(),
                        attempt.result().startedAtMillis()));
            });
        }
        assertThat(seen).extracting(Seen::cell).hasSize(4).doesNotHaveDuplicates();
        Seen firstCommit = seen.get(0);
        assertThat(seen).filteredOn(s -> !s.cell().equals(firstCommit.cell())).allSatisfy(s ->
                assertThat(s.started()).as(s.cell()).isLessThan(firstCommit.returned()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void embeddedSparkStartsTheNextCellBeforeCommittingTheLastOne() throws Exception {
        List<CellSpec> cells = cells().stream().filter(c -> c.architecture().equals("z2cnn")).toList();
        List<Seen> seen = new ArrayList<>();
        try (SparkSession spark = SparkSessions.create("overlap", "local[1]")) {
            assertThat(CellScheduler.taskSlots(spark.sparkContext())).isEqualTo(1);
            new CellScheduler(spark, "overlap").run(cells, attempt -> {
                assertThat(attempt.result().status()).isEqualTo(CellStatus.OK);
                long called = System.currentTimeMillis();
                sleep(1500); // a slow commit
                seen.add(new Seen(attempt.result().cellId(), called, System.currentTimeMillis(),
                        attempt.result().startedAtMillis()));
            });
        }
        assertThat(seen).hasSize(3);
        for (int i = 1; i < seen.size(); i++) {
            // One cell slot: cell i ran after cell i-1, and began while cell i-1 was still being committed.
            assertThat(seen.get(i).started()).as("cell %d started", i).isLessThan(seen.get(i - 1).returned());
        }
    }
}

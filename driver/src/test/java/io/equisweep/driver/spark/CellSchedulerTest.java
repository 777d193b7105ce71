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
            grid: {architecture: z2cnn, inputSize: 28, symmetry: upright, seed: [1, 2, 3]}
            training: {epochs: 1, batchSize: 32, dropout: 0}
            evaluation: {angles: [0]}
            """;

    /** What the callback saw: when it was called for a cell, and when that cell's task had started. */
    private record Seen(String cell, long called, long returned, long started) {
    }

    @Test
    void embeddedSparkStartsTheNextCellBeforeCommittingTheLastOne() throws Exception {
        List<CellSpec> cells = GridExpander.expand(SpecReader.parse(SPEC, "test", null)).stream()
                .map(PlannedCell::spec).toList();
        List<Seen> seen = new ArrayList<>();
        try (SparkSession spark = SparkSessions.create("overlap", "local[1]")) {
            assertThat(CellScheduler.taskSlots(spark.sparkContext())).isEqualTo(1);
            new CellScheduler(spark, "overlap").run(cells, attempt -> {
                assertThat(attempt.result().status()).isEqualTo(CellStatus.OK);
                long called = System.currentTimeMillis();
                try {
                    Thread.sleep(1500); // a slow commit
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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

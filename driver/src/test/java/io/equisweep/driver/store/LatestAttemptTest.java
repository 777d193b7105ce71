package io.equisweep.driver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cells.CellState;
import io.equisweep.driver.spark.SparkSessions;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The latest-attempt rule chosen on the driver ({@link StoredCells}) picks the row the SQL window ranks first. */
class LatestAttemptTest {
    private static final StructType ATTEMPTS = new StructType()
            .add("sweep", DataTypes.StringType).add("cell_id", DataTypes.StringType)
            .add("commit_id", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
            .add("status", DataTypes.StringType).add(NumericsVersions.COLUMN, DataTypes.IntegerType);
    private static final String[] STATUSES = {"ok", "failed", "diverged", "invalid"};
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create("latest-attempt", "local[1]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void theDriversChoiceIsTheWindowsOnAttemptsWithTiedFinishTimes() {
        Random random = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                // Few distinct times (ties within a cell are common) and microsecond parts, which Spark keeps.
                Timestamp finished = new Timestamp(1_700_000_000_000L + random.nextInt(3));
                finished.setNanos(finished.getNanos() + 1000 * random.nextInt(2));
                rows.add(RowFactory.create("s" + random.nextInt(2), "c" + random.nextInt(8),
                        Integer.toHexString(random.nextInt(1 << 16)), finished, STATUSES[random.nextInt(STATUSES.length)],
                        random.nextBoolean() ? null : 1 + random.nextInt(2)));
            }
            Dataset<Row> cells = spark.createDataFrame(rows, ATTEMPTS);
            Map<String, Map<String, CellState>> bySql = new HashMap<>();
            for (Row r : LatestAttempt.of(cells).collectAsList()) {
                bySql.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), CellState.parse(r.getString(4)));
            }
            assertThat(StoredCells.of(cells).states()).as("trial %d", trial).isEqualTo(bySql);
        }
    }

    @Test
    void versionsCountTheLatestOkAttemptsAndUnrecordedOnesAsVersionOne() {
        Timestamp early = new Timestamp(1_700_000_000_000L);
        Timestamp late = new Timestamp(1_700_000_001_000L);
        Dataset<Row> cells = spark.createDataFrame(List.of(
                RowFactory.create("s", "a", "1", early, "ok", null),
                RowFactory.create("s", "a", "2", late, "ok", 2),
                RowFactory.create("s", "b", "3", early, "ok", null),
                RowFactory.create("s", "c", "4", late, "failed", 2),
                RowFactory.create("s", "c", "5", early, "ok", 2)), ATTEMPTS);
        StoredCells stored = StoredCells.of(cells);
        assertThat(stored.versions()).isEqualTo(Map.of("s", Map.of(1, 1L, 2, 1L)));
        assertThat(stored.states("s")).containsExactly(Map.entry("a", CellState.OK), Map.entry("b", CellState.OK),
                Map.entry("c", CellState.FAILED));
    }
}

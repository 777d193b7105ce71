package io.equisweep.driver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.equisweep.driver.spark.SparkSessions;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SeedSummaryTest {

    @Test
    void meanStdAndStudentIntervalOverSeedsWithEachCellCountedOnce() {
        StructType schema = new StructType().add("sweep", DataTypes.StringType).add("cell_id", DataTypes.StringType)
                .add("status", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
                .add("architecture", DataTypes.StringType).add("input_size", DataTypes.IntegerType)
                .add("test_accuracy", DataTypes.DoubleType).add("commit_id", DataTypes.StringType);
        List<Row> rows = java.util.stream.Stream.of(
                RowFactory.create("s", "a", "ok", new Timestamp(1000), "p4cnn", 28, 0.8),
                RowFactory.create("s", "b", "ok", new Timestamp(1000), "p4cnn", 28, 0.9),
                RowFactory.create("s", "c", "failed", new Timestamp(1000), "p4cnn", 28, null),
                RowFactory.create("s", "c", "ok", new Timestamp(2000), "p4cnn", 28, 0.7),
                RowFactory.create("s", "c", "ok", new Timestamp(3000), "p4cnn", 28, 1.0),   // latest ok row of c
                RowFactory.create("s", "d", "ok", new Timestamp(1000), "p4cnn", 29, 0.5))
                .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                        "commit-" + r.get(1) + r.get(3))).toList();
        try (SparkSession spark = SparkSessions.create("seed-summary", "local[1]")) {
            var stats = SeedSummary.compute(spark.createDataFrame(rows, schema), List.of("architecture", "input_size"),
                    List.of("test_accuracy"));
            assertThat(stats).hasSize(2);
            SeedSummary.Stat at28 = stats.get(0);
            assertThat(at28.group()).containsExactly("p4cnn", 28);
            assertThat(at28.n()).isEqualTo(3);
            assertThat(at28.mean()).isCloseTo(0.9, within(1e-12));
            assertThat(at28.std()).isCloseTo(0.1, within(1e-12));
            assertThat(at28.high() - at28.mean()).isCloseTo(4.303 * 0.1 / Math.sqrt(3), within(1e-9));
            SeedSummary.Stat at29 = stats.get(1);
            assertThat(at29.n()).isEqualTo(1);
            assertThat(at29.std()).isNaN();
            assertThat(at29.low()).isNaN();
        }
    }

    @Test
    void namesAndQuantiles() {
        assertThat(SeedSummary.column("inputSize")).isEqualTo("input_size");
        assertThat(SeedSummary.column("input_size")).isEqualTo("input_size");
        assertThat(SeedSummary.column("learningRate")).isEqualTo("learning_rate");
        assertThat(SeedSummary.t975(9)).isEqualTo(2.262);
        assertThat(SeedSummary.t975(100)).isCloseTo(1.984, within(1e-3));
    }
}

package io.equisweep.driver.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.driver.spark.SparkSessions;
import io.equisweep.driver.store.ResultStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results root from before the columns a report needs: a clear refusal, not a report of nulls. */
class ReportDataOldRootTest {
    @TempDir
    Path dir;

    @Test
    void cellsWithoutCommitIdsAreRefusedNamingTheMissingColumns() {
        try (SparkSession spark = SparkSessions.create("old-root", "local[1]")) {
            StructType early = new StructType().add("cell_id", DataTypes.StringType).add("sweep", DataTypes.StringType)
                    .add("status", DataTypes.StringType).add("test_accuracy", DataTypes.DoubleType);
            spark.createDataFrame(List.of(RowFactory.create("c1", "s", "ok", 0.9)), early).write().partitionBy("sweep")
                    .parquet(dir.resolve("cells").toString());
            ResultStore store = new ResultStore(spark, dir.toString());
            assertThatThrownBy(() -> ReportData.read(store, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has rows without commit_id, finished_at, exact, schema_version")
                    .hasMessageContaining("older equisweep");
        }
    }
}

package io.equisweep.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

class DatasetBroadcastsTest {
    @TempDir
    Path dir;

    private DatasetSpec writeMnist() throws Exception {
        int n = 80;
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < 784; p += 7 + i % 10) {
                pixels[i * 784 + p] = (byte) 200;
            }
        }
        IdxReader.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), pixels, n, 28, 28);
        IdxReader.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
        return new DatasetSpec("mnist", Map.of("dir", dir.toString(), "trainSize", "all", "validationSize", "10",
                "testSize", "20", "seed", "0"));
    }

    private static CellSpec cell(DatasetSpec dataset) {
        return new CellSpec("b1", "z2cnn", 28, "upright", 1, dataset,
                new TrainingSpec(1, 25, Optimizer.ADAM, 0.01, 0, 0, LearningRateSchedule.constant(), 0),
                new EvaluationSpec(List.of(0.0), false));
    }

    private static CellAttempt runOnExecutor(DatasetBroadcasts broadcasts, CellSpec cell) {
        return new RunCellFunction(broadcasts).apply(JavaConverters.asScalaIterator(List.of(cell).iterator()));
    }

    @Test
    void executorsUseTheBroadcastCopyAndNeedNoFiles() throws Exception {
        DatasetSpec dataset = writeMnist();
        try (SparkSession spark = SparkSessions.create("broadcast", "local[1]",
                Map.of(EquisweepConf.BROADCAST_IN_LOCAL_MODE.key(), "true"))) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            DatasetBroadcasts broadcasts = DatasetBroadcasts.create(sc, List.of(dataset, dataset));
            assertThat(broadcasts.isBroadcast(dataset)).isTrue();

            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            ExecutorDatasets.forget(dataset);
            CellAttempt without = runOnExecutor(DatasetBroadcasts.none(), cell(dataset));
            assertThat(without.result().status()).isEqualTo(CellStatus.FAILED);
            assertThat(without.result().error()).contains("no such file");

            ExecutorDatasets.forget(dataset);
            CellAttempt with = runOnExecutor(broadcasts, cell(dataset));
            assertThat(with.result().status()).as(with.result().error()).isEqualTo(CellStatus.OK);
        } finally {
            ExecutorDatasets.forget(dataset);
        }
    }

    @Test
    void datasetsAboveTheLimitAreNotBroadcastAndLocalModeBroadcastsNothingByDefault() throws Exception {
        DatasetSpec dataset = writeMnist();
        try (SparkSession spark = SparkSessions.create("broadcast-limit", "local[1]",
                Map.of(EquisweepConf.BROADCAST_IN_LOCAL_MODE.key(), "true", EquisweepConf.BROADCAST_MAX_BYTES.key(), "1000"))) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            assertThat(DatasetBroadcasts.create(sc, List.of(dataset)).isBroadcast(dataset)).isFalse();
        } finally {
            ExecutorDatasets.forget(dataset);
        }
        try (SparkSession spark = SparkSessions.create("broadcast-default", "local[1]")) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            assertThat(DatasetBroadcasts.create(sc, List.of(dataset)).isBroadcast(dataset)).isFalse();
        } finally {
            ExecutorDatasets.forget(dataset);
        }
    }

    @Test
    void streamedDatasetsAreNeverBroadcastNorSerialised() throws Exception {
        for (String split : List.of("train", "valid", "test")) {
            String prefix = "camelyonpatch_level_2_split_" + split + "_";
            try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(dir.resolve(prefix + "x.h5"))) {
                f.putDataset("x", new byte[3][96][96][3]);
            }
            try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(dir.resolve(prefix + "y.h5"))) {
                f.putDataset("y", new byte[3][1][1][1]);
            }
        }
        DatasetSpec pcam = new DatasetSpec("pcam", Map.of("dir", dir.toString(), "cacheDir", "", "trainSize", "all",
                "validationSize", "all", "testSize", "all", "seed", "0"));
        try (SparkSession spark = SparkSessions.create("broadcast-streamed", "local[1]",
                Map.of(EquisweepConf.BROADCAST_IN_LOCAL_MODE.key(), "true"))) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            DatasetBroadcasts broadcasts = DatasetBroadcasts.create(sc, List.of(pcam));
            assertThat(broadcasts.isBroadcast(pcam)).isFalse();
            io.equisweep.workers.data.DatasetSplits splits = ExecutorDatasets.load(pcam);
            assertThat(splits.inMemory()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> KryoRegistrationTest.strictKryo()
                            .serialize(splits, scala.reflect.ClassTag$.MODULE$.Any()))
                    .hasStackTraceContaining("dataset splits streamed from files are never serialised");
        } finally {
            ExecutorDatasets.forget(pcam);
        }
    }
}

package io.equisweep.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.CellRunner;
import io.equisweep.workers.arch.Architecture;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.Images;
import io.equisweep.workers.data.SyntheticGlyphs;
import io.equisweep.workers.train.Batches;
import io.equisweep.workers.train.EpochBatches;
import io.equisweep.workers.train.Trainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Data-parallel minibatches on local[2]: the driver ships recipes and the training tasks build the minibatches, in
 * the rounds and order DL4J gave the built minibatches the driver used to ship, so training follows the same path.
 */
class DataParallelBatchesTest {
    private static final int BATCH = 32;
    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create("dp-batches", "local[2]");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** 512 glyphs in 16 batches of 32, on 2 workers averaging every {@code averaging} minibatches. */
    private static CellSpec cell(String id, int averaging) {
        Map<String, String> options = new HashMap<>(new SyntheticGlyphs().optionDefaults());
        options.putAll(Map.of("trainSize", "512", "validationSize", "32", "testSize", "32"));
        TrainingSpec training = new TrainingSpec(2, BATCH, Optimizer.ADAM, 0.01, 0.9, 1e-5,
                LearningRateSchedule.constant(), 0, TrainingMode.DATA_PARALLEL, averaging);
        return new CellSpec(id, "z2cnn", 28, "c4@image", 1, new DatasetSpec("synthetic", options), training,
                new EvaluationSpec(List.of(0.0), false));
    }

    private static ComputationGraph network(CellSpec cell, CellData data) {
        Architecture architecture = Architectures.get(cell.architecture());
        Trainer trainer = new Trainer(cell.training(), cell.seed());
        ComputationGraph net = new ComputationGraph(architecture.configure(
                trainer.baseConfiguration(Trainer.batchesPerEpoch(data.train().count(), BATCH)),
                new Architecture.NetworkShape(cell.inputSize(), data.train().channels(), data.train().classes(), 0)));
        net.init();
        return net;
    }

    private static EpochBatches epoch(CellData data, int epoch) {
        int[] order = Batches.identityOrder(data.train().count());
        Batches.shuffle(order, new SplittableRandom(epoch));
        return new EpochBatches(data, order, BATCH, Augmentation.NONE, new SplittableRandom(10 + epoch),
                new SplittableRandom(20 + epoch));
    }

    /** Averaging every 3: two rounds of 8 minibatches, each worker fitting 3 of its 4 in each. */
    @Test
    void theTrainingTasksBuildTheMinibatchesTheyFitAndTheDriverNone() {
        CellSpec cell = cell("dp-batches-built", 3);
        CellData plain = CellRunner.prepare(cell, Datasets.loader(cell.dataset()).get());
        CountingImages train = new CountingImages(plain.train());
        CellData counted = new CellData(train, plain.validation(), plain.test(), plain.mean(), plain.std(),
                plain.symmetry());
        ExecutorCellData.get(cell.id(), () -> counted);
        ParameterAveragingFitter fitter = new ParameterAveragingFitter(sc, cell, DatasetBroadcasts.none());
        EpochBatches batches = epoch(counted, 1);

        double loss = fitter.fitEpoch(network(cell, counted), 1, batches);

        assertThat(loss).isFinite();
        assertThat(batches.hasNext()).as("every recipe drawn").isFalse();
        assertThat(fitter.batchesBuilt()).isEqualTo(2 * 2 * 3);
        assertThat(train.readsOutsideTasks.get()).as("training images read on the driver").isZero();
        assertThat(train.readsInTasks.get()).isEqualTo(fitter.batchesBuilt() * BATCH);
    }

    /**
     * Averaging every 5: one round, the case in which DL4J's own split of an epoch of built minibatches worked (with
     * two or more rounds it left all but one empty and failed).
     */
    @Test
    void trainingFollowsTheSamePathAsWhenTheDriverShippedBuiltMinibatches() {
        CellSpec cell = cell("dp-batches-path", 5);
        CellData data = CellRunner.prepare(cell, Datasets.loader(cell.dataset()).get());
        ComputationGraph shipped = network(cell, data);
        ComputationGraph recipes = network(cell, data);
        assertThat(recipes.params().data().asFloat()).containsExactly(shipped.params().data().asFloat());
        SparkComputationGraph reference = new SparkComputationGraph(sc, shipped, driverShippingMaster(cell));
        ParameterAveragingFitter fitter = new ParameterAveragingFitter(sc, cell, DatasetBroadcasts.none());

        for (int e = 1; e <= cell.training().epochs(); e++) {
            List<DataSet> built = new ArrayList<>();
            epoch(data, e).forEachRemaining(built::add);
            reference.fit(sc.parallelize(built, built.size()));
            double loss = fitter.fitEpoch(recipes, e, epoch(data, e));
            assertThat(loss).as("epoch %d loss", e).isEqualTo(reference.getScore());
        }
        assertThat(recipes.params().data().asFloat()).containsExactly(reference.getNetwork().params().data().asFloat());
        assertThat(recipes.getEpochCount()).isEqualTo(reference.getNetwork().getEpochCount());
        assertThat(ExecutorCellData.holds(cell.id())).as("the executors prepared the cell's data themselves").isTrue();
    }

    /** The master the fitter used when the driver built every minibatch and shipped the epoch as an RDD of them. */
    private static ParameterAveragingTrainingMaster driverShippingMaster(CellSpec cell) {
        return new ParameterAveragingTrainingMaster.Builder(CellScheduler.taskSlots(sc.sc()), BATCH)
                .batchSizePerWorker(BATCH)
                .averagingFrequency(cell.training().averagingFrequency())
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .collectTrainingStats(false)
                .rngSeed(cell.seed())
                .build();
    }

    /** Training images that count their reads inside and outside Spark tasks. */
    private record CountingImages(Images source, AtomicLong readsInTasks, AtomicLong readsOutsideTasks)
            implements Images {
        CountingImages(Images source) {
            this(source, new AtomicLong(), new AtomicLong());
        }

        @Override
        public void copyImage(int i, float[] dst, int dstOffset) {
            (TaskContext.get() != null ? readsInTasks : readsOutsideTasks).incrementAndGet();
            source.copyImage(i, dst, dstOffset);
        }

        @Override
        public int count() {
            return source.count();
        }

        @Override
        public int channels() {
            return source.channels();
        }

        @Override
        public int size() {
            return source.size();
        }

        @Override
        public int classes() {
            return source.classes();
        }

        @Override
        public int label(int i) {
            return source.label(i);
        }
    }
}

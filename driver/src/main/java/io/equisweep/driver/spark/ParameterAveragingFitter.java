package io.equisweep.driver.spark;

import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.BatchRecipe;
import io.equisweep.workers.train.DivergenceException;
import io.equisweep.workers.train.EpochBatches;
import io.equisweep.workers.train.EpochFitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RepartitionStrategy;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.util.SparkUtils;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training of one cell with DL4J's parameter averaging: every worker fits its share of an averaging
 * round's minibatches starting from the driver's parameters, then parameters and updater states are averaged
 * (every {@code averagingFrequency} minibatches per worker). The driver draws each epoch's minibatches as
 * {@link BatchRecipe}s (the cell's own shuffle and random draws, as in a single task) and ships only those; the
 * executors build the minibatches ({@link BuildBatchFunction}) as their workers consume them.
 *
 * <p>An epoch of N minibatches runs in max(1, ⌊N / P⌋) averaging rounds of P = workers × averagingFrequency or more
 * consecutive minibatches, each round spread over the workers with DL4J's balanced repartitioning; as in DL4J, a
 * worker fits at most {@code averagingFrequency} minibatches per round, so up to P − 1 minibatches of an epoch are
 * not fitted (a different few each epoch). With one round this is exactly what DL4J's {@code Direct} approach did
 * with the built minibatches the driver used to ship. With more, DL4J's own split sent every minibatch to one
 * round when the epoch's RDD holds one minibatch per partition (its per-partition seeds are consecutive, and
 * {@code java.util.Random}'s first draws from consecutive seeds mostly agree), leaving the other rounds empty and
 * failing in {@code processResults}; consecutive rounds avoid that.
 * Nothing is persisted or counted: each minibatch is built once, inside the task that trains on it.
 */
final class ParameterAveragingFitter implements EpochFitter {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingFitter.class);
    private final JavaSparkContext sc;
    private final CellSpec cell;
    private final DatasetBroadcasts datasets;
    private final int workers;
    private RoundMaster master;
    private SparkComputationGraph cluster;
    private Broadcast<CellSpec> cellBroadcast;
    private LongAccumulator built;

    ParameterAveragingFitter(JavaSparkContext sc, CellSpec cell, DatasetBroadcasts datasets) {
        this.sc = sc;
        this.cell = cell;
        this.datasets = datasets;
        this.workers = CellScheduler.taskSlots(sc.sc());
    }

    /** Minibatches built on the executors so far, over all epochs (read on the driver). */
    long batchesBuilt() {
        return built == null ? 0 : built.value();
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch, Iterator<DataSet> batches) {
        throw new IllegalArgumentException("data-parallel cell " + cell.id() + ": the fitter needs the epoch's "
                + "minibatch recipes (EpochBatches) to have the executors build them, not built minibatches");
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch, EpochBatches batches) {
        List<BatchRecipe> recipes = new ArrayList<>();
        while (batches.hasNext()) {
            recipes.add(batches.nextRecipe());
        }
        if (cluster == null) {
            start(net);
        }
        long start = System.nanoTime();
        long builtBefore = built.value();
        int rounds = Math.max(1, recipes.size() / (workers * averagingFrequency()));
        BuildBatchFunction build = new BuildBatchFunction(cellBroadcast, datasets, built);
        for (int r = 0; r < rounds; r++) {
            List<BatchRecipe> round = recipes.subList(r * recipes.size() / rounds, (r + 1) * recipes.size() / rounds);
            JavaRDD<BatchRecipe> balanced = SparkUtils.repartition(sc.parallelize(round, round.size()),
                    Repartition.Always, RepartitionStrategy.Balanced, averagingFrequency(), workers);
            master.fitRound(cluster, balanced.map(build), r + 1, rounds);
        }
        cluster.getNetwork().incrementEpochCount();
        ComputationGraph trained = cluster.getNetwork();
        if (trained != net) {
            net.setParams(trained.params());
        }
        double loss = cluster.getScore();
        LOG.info("data-parallel epoch {}: {} minibatches built on the executors, averaging rounds {}, workers {}, loss {}, {} s",
                epoch, built.value() - builtBefore, rounds, workers, String.format(Locale.ROOT, "%.4f", loss),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(epoch, recipes.size(), loss);
        }
        return loss;
    }

    private int averagingFrequency() {
        return cell.training().averagingFrequency();
    }

    private void start(ComputationGraph net) {
        TrainingSpec training = cell.training();
        ParameterAveragingTrainingMaster.Builder builder = new ParameterAveragingTrainingMaster.Builder(workers,
                training.batchSize())
                .batchSizePerWorker(training.batchSize())
                .averagingFrequency(training.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // The rounds arrive balanced over the workers, each minibatch built where it is trained on.
                .repartionData(Repartition.Never)
                .storageLevel(null)
                .collectTrainingStats(false)
                .rngSeed(cell.seed());
        master = new RoundMaster(builder);
        cluster = new SparkComputationGraph(sc, net, master);
        cellBroadcast = sc.broadcast(cell);
        built = sc.sc().longAccumulator("equisweep minibatches built for " + cell.id());
    }

    /** DL4J's parameter-averaging master, fed one averaging round at a time. */
    private static final class RoundMaster extends ParameterAveragingTrainingMaster {
        RoundMaster(ParameterAveragingTrainingMaster.Builder builder) {
            super(builder);
        }

        /** One round: each worker fits its partition's minibatches, then the driver's network holds their average. */
        void fitRound(SparkComputationGraph graph, JavaRDD<MultiDataSet> round, int index, int rounds) {
            doIteration(graph, round, index, rounds);
        }
    }
}

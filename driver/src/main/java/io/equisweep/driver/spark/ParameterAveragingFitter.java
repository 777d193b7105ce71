package io.equisweep.driver.spark;

import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.DivergenceException;
import io.equisweep.workers.train.EpochFitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training of one cell: each epoch's minibatches (shuffled and augmented by the cell's
 * own {@code Trainer}, exactly as in a single task) are spread over the executors, every worker fits
 * its share starting from the driver's parameters, and the parameters and updater states are averaged
 * every {@code averagingFrequency} minibatches (DL4J's parameter averaging, with the RDD handed to the
 * workers directly: nothing is exported to disk). The driver's network holds the average after each
 * epoch, so evaluation and metrics are the single-task ones.
 */
final class ParameterAveragingFitter implements EpochFitter {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingFitter.class);
    private final JavaSparkContext sc;
    private final TrainingSpec training;
    private final long seed;
    private SparkComputationGraph cluster;

    ParameterAveragingFitter(JavaSparkContext sc, TrainingSpec training, long seed) {
        this.sc = sc;
        this.training = training;
        this.seed = seed;
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch, Iterator<DataSet> batches) {
        List<DataSet> epochBatches = new ArrayList<>();
        batches.forEachRemaining(epochBatches::add);
        if (cluster == null) {
            ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(
                    CellScheduler.taskSlots(sc.sc()), training.batchSize())
                    .batchSizePerWorker(training.batchSize())
                    .averagingFrequency(training.averagingFrequency())
                    .workerPrefetchNumBatches(0)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .collectTrainingStats(false)
                    .rngSeed(seed)
                    .build();
            cluster = new SparkComputationGraph(sc, net, master);
        }
        long start = System.nanoTime();
        JavaRDD<DataSet> rdd = sc.parallelize(epochBatches, epochBatches.size());
        ComputationGraph trained = cluster.fit(rdd);
        if (trained != net) {
            net.setParams(trained.params());
        }
        double loss = cluster.getScore();
        LOG.info("data-parallel epoch {}: {} minibatches over {} task slots, loss {}, {} s", epoch, epochBatches.size(),
                CellScheduler.taskSlots(sc.sc()), String.format(java.util.Locale.ROOT, "%.4f", loss),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(epoch, epochBatches.size(), loss);
        }
        return loss;
    }
}

package io.equisweep.workers.train;

import java.util.Iterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits a network on one epoch's minibatches, shuffled and augmented by the {@link Trainer}.
 * {@link #LOCAL} builds and steps through them in this JVM; the driver supplies a cluster-wide fitter for
 * data-parallel cells, which takes only the minibatches' {@link BatchRecipe}s, has the executors build them, and
 * leaves the network on the driver holding the epoch's result.
 */
public interface EpochFitter {
    /** One optimiser step per minibatch, in order, in this JVM. */
    EpochFitter LOCAL = (net, epoch, batches) -> {
        double lossSum = 0;
        int steps = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            net.fit(new INDArray[] {batch.getFeatures()}, new INDArray[] {batch.getLabels()});
            double loss = net.score();
            steps++;
            if (!Double.isFinite(loss)) {
                throw new DivergenceException(epoch, steps, loss);
            }
            lossSum += loss;
        }
        return lossSum / steps;
    };

    /**
     * @return the epoch's training loss (the mean minibatch loss)
     * @throws DivergenceException when a loss is not finite
     */
    double fitEpoch(ComputationGraph net, int epoch, Iterator<DataSet> batches);

    /**
     * The {@link Trainer}'s entry: the epoch's minibatches as recipes that build when iterated. By default they are
     * built here, one at a time; a fitter that builds them elsewhere overrides this and draws only the recipes.
     */
    default double fitEpoch(ComputationGraph net, int epoch, EpochBatches batches) {
        return fitEpoch(net, epoch, (Iterator<DataSet>) batches);
    }
}

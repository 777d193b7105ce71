package io.equisweep.workers.train;

import java.util.Iterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits a network on one epoch's minibatches, already shuffled and augmented by the {@link Trainer}.
 * {@link #LOCAL} steps through them in this JVM; the driver supplies a cluster-wide fitter for
 * data-parallel cells, which leaves the network on the driver holding the epoch's result.
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
}

package io.equisweep.workers.cell;

/**
 * One epoch of training.
 *
 * @param trainAccuracy accuracy on a fixed subset of the training set, in inference mode
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationAccuracy,
                          double learningRate, double seconds) {
}

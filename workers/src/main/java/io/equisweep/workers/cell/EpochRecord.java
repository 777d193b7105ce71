package io.equisweep.workers.cell;

/**
 * One epoch of training.
 *
 * @param trainAccuracy accuracy on a fixed subset of the training set, in inference mode
 * @param learningRate  the updater's rate at the epoch's first minibatch (schedules stepped per minibatch, one-cycle
 *                      and warm-up, change it within the epoch)
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationAccuracy,
                          double learningRate, double seconds) {
}

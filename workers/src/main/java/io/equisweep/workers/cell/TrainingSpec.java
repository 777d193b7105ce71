package io.equisweep.workers.cell;

import java.util.Objects;

/**
 * Training settings of one cell.
 *
 * @param dropout            the fraction of activations dropped (0 = none), not DL4J's retain probability
 * @param mode               where the network trains: in the cell's task, or data-parallel across the cluster
 * @param averagingFrequency data-parallel only: minibatches each worker fits between parameter averages
 * @param trainFraction      the fraction of the training split the cell trains on (the paper's {@code --split}):
 *                           the same images for every cell of a dataset and fraction, whatever its seed
 * @param augmentation       random crop and flip of the training images, per image and epoch
 * @param crop               the side of the centre patch every image is cropped to before resizing (0: none)
 * @param circleCrop         whether pixels outside the inscribed circle are zeroed (see {@code Preprocessing})
 * @param nesterov           SGD with momentum only: Nesterov momentum (DL4J's {@code Nesterovs}, the default since
 *                           before the setting existed) or, when false, PyTorch's classical momentum
 *                           ({@code SGD(momentum=μ)}, the paper's PCam and ImageNet runs)
 * @param scaleEpochs        with {@code trainFraction} below 1: {@code epochs} counts passes over the whole training
 *                           split, so the cell makes ⌈epochs / trainFraction⌉ passes over its subset (the same number
 *                           of minibatch steps, as the paper's code does with {@code --split})
 */
public record TrainingSpec(
        int epochs,
        int batchSize,
        Optimizer optimizer,
        double learningRate,
        double momentum,
        double weightDecay,
        LearningRateSchedule schedule,
        double dropout,
        TrainingMode mode,
        int averagingFrequency,
        double trainFraction,
        Augmentation augmentation,
        int crop,
        boolean circleCrop,
        boolean nesterov,
        boolean scaleEpochs) {

    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    /** Epochs as passes over the subset, whatever its fraction. */
    public TrainingSpec(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                        double weightDecay, LearningRateSchedule schedule, double dropout, TrainingMode mode,
                        int averagingFrequency, double trainFraction, Augmentation augmentation, int crop,
                        boolean circleCrop, boolean nesterov) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode,
                averagingFrequency, trainFraction, augmentation, crop, circleCrop, nesterov, false);
    }

    /** Nesterov momentum, as every cell had before classical momentum existed. */
    public TrainingSpec(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                        double weightDecay, LearningRateSchedule schedule, double dropout, TrainingMode mode,
                        int averagingFrequency, double trainFraction, Augmentation augmentation, int crop,
                        boolean circleCrop) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode,
                averagingFrequency, trainFraction, augmentation, crop, circleCrop, true);
    }

    /** No preprocessing, Nesterov momentum. */
    public TrainingSpec(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                        double weightDecay, LearningRateSchedule schedule, double dropout, TrainingMode mode,
                        int averagingFrequency, double trainFraction, Augmentation augmentation) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode,
                averagingFrequency, trainFraction, augmentation, 0, false, true);
    }

    /** No augmentation or preprocessing. */
    public TrainingSpec(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                        double weightDecay, LearningRateSchedule schedule, double dropout, TrainingMode mode,
                        int averagingFrequency, double trainFraction) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode,
                averagingFrequency, trainFraction, Augmentation.NONE, 0, false, true);
    }

    /** All of the training split. */
    public TrainingSpec(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                        double weightDecay, LearningRateSchedule schedule, double dropout, TrainingMode mode,
                        int averagingFrequency) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode,
                averagingFrequency, 1.0, Augmentation.NONE, 0, false, true);
    }

    /** Single-task training. */
    public TrainingSpec(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                        double weightDecay, LearningRateSchedule schedule, double dropout) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, TrainingMode.SINGLE,
                DEFAULT_AVERAGING_FREQUENCY, 1.0, Augmentation.NONE, 0, false, true);
    }

    /** The passes over the cell's training images: {@code epochs}, scaled up for a fraction when asked. */
    public int epochsToTrain() {
        return scaleEpochs && trainFraction < 1 ? (int) Math.ceil(epochs / trainFraction - 1e-9) : epochs;
    }

    public TrainingSpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(augmentation, "augmentation");
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averagingFrequency must be >= 1, got " + averagingFrequency);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be >= 1");
        }
        if (!(learningRate > 0) || weightDecay < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("need learningRate > 0, weightDecay >= 0, 0 <= momentum < 1");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1], got " + trainFraction);
        }
        if (crop < 0) {
            throw new IllegalArgumentException("crop must be >= 0 (0: none), got " + crop);
        }
    }
}

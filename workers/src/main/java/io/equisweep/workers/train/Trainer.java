package io.equisweep.workers.train;

import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.Images;
import io.equisweep.workers.metrics.Accuracy;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains a network on a cell's data: seeded shuffling, minibatch steps, per-epoch train/validation
 * accuracy, and divergence detection (a non-finite loss stops training at once).
 */
public final class Trainer {
    /** Training accuracy is measured on at most this many training images, in inference mode. */
    public static final int TRAIN_ACCURACY_SUBSET = 500;
    private static final long SHUFFLE_SALT = 0x5_4FF1EL;
    private static final long AUGMENT_SALT = 0xA06_3E17L;
    /** Crop and flip draw from their own stream, so that turning them on leaves the symmetry draws as they were. */
    private static final long CROP_FLIP_SALT = 0xC40_F11BL;

    private final TrainingSpec spec;
    private final long seed;
    private final EpochFitter fitter;

    public Trainer(TrainingSpec spec, long seed) {
        this(spec, seed, EpochFitter.LOCAL);
    }

    public Trainer(TrainingSpec spec, long seed, EpochFitter fitter) {
        this.spec = spec;
        this.seed = seed;
        this.fitter = fitter;
    }

    public static int batchesPerEpoch(int trainCount, int batchSize) {
        return (trainCount + batchSize - 1) / batchSize;
    }

    /** The shared part of every network configuration: seed, float32, updater with its schedule, L2. */
    public NeuralNetConfiguration.Builder baseConfiguration(int batchesPerEpoch) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(updater(batchesPerEpoch))
                // PyTorch-style weight decay (the paper's): decay * w added to every gradient.
                .l2(spec.weightDecay())
                .l2Bias(spec.weightDecay());
    }

    /**
     * The optimiser with the schedule's per-iteration learning rate; a one-cycle schedule that cycles the momentum
     * drives Adam's β1 or SGD's (Nesterov or classical) momentum in place of the configured value, as PyTorch's
     * OneCycleLR does.
     */
    private IUpdater updater(int batchesPerEpoch) {
        ISchedule rate = learningRate(batchesPerEpoch);
        ISchedule momentum = Schedules.momentum(spec.schedule(), batchesPerEpoch, spec.epochsToTrain());
        return switch (spec.optimizer()) {
            case ADAM -> momentum != null ? new Beta1ScheduledAdam(rate, momentum) : new Adam(rate);
            case SGD -> sgd(rate, momentum);
        };
    }

    private IUpdater sgd(ISchedule rate, ISchedule cycledMomentum) {
        if (cycledMomentum == null && !(spec.momentum() > 0)) {
            return new Sgd(rate);
        }
        if (!spec.nesterov()) {
            return new ClassicalMomentum(rate, cycledMomentum != null ? cycledMomentum : new FixedSchedule(spec.momentum()));
        }
        return cycledMomentum != null ? new Nesterovs(rate, cycledMomentum) : new Nesterovs(rate, spec.momentum());
    }

    private ISchedule learningRate(int batchesPerEpoch) {
        return Schedules.learningRate(spec.schedule(), spec.learningRate(), batchesPerEpoch, spec.epochsToTrain());
    }

    /**
     * Runs every epoch, appending one record per finished epoch to {@code epochs}.
     *
     * @throws DivergenceException when a minibatch loss is not finite; {@code epochs} then holds the
     *                             epochs completed before it
     */
    public void train(ComputationGraph net, CellData data, List<EpochRecord> epochs) {
        train(net, data, epochs, epoch -> {
        });
    }

    /** As {@link #train(ComputationGraph, CellData, List)}, calling {@code afterEpoch} with each epoch once recorded. */
    public void train(ComputationGraph net, CellData data, List<EpochRecord> epochs, java.util.function.IntConsumer afterEpoch) {
        Nd4j.getRandom().setSeed(seed);
        SplittableRandom shuffle = new SplittableRandom(seed ^ SHUFFLE_SALT);
        SplittableRandom augment = new SplittableRandom(seed ^ AUGMENT_SALT);
        SplittableRandom cropFlip = new SplittableRandom(seed ^ CROP_FLIP_SALT);
        Images train = data.train();
        int n = train.count();
        int stepsPerEpoch = batchesPerEpoch(n, spec.batchSize());
        ISchedule rate = learningRate(stepsPerEpoch);
        int[] order = Batches.identityOrder(n);
        Images accuracySubset = train.select(java.util.Arrays.copyOf(order, Math.min(n, TRAIN_ACCURACY_SUBSET)));
        for (int epoch = 1; epoch <= spec.epochsToTrain(); epoch++) {
            long start = System.nanoTime();
            Batches.shuffle(order, shuffle);
            double loss = fitter.fitEpoch(net, epoch,
                    new EpochBatches(data, order, spec.batchSize(), spec.augmentation(), augment, cropFlip));
            double trainAccuracy = Accuracy.upright(net, accuracySubset, data.mean(), data.std());
            double validationAccuracy = data.validation().count() == 0 ? Double.NaN
                    : Accuracy.upright(net, data.validation(), data.mean(), data.std());
            epochs.add(new EpochRecord(epoch, loss, trainAccuracy, validationAccuracy,
                    rate.valueAt((epoch - 1) * stepsPerEpoch, epoch - 1), (System.nanoTime() - start) / 1e9));
            afterEpoch.accept(epoch);
        }
    }
}

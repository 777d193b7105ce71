package io.equisweep.workers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.symmetry.DataSymmetry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a one-layer network through the {@link Trainer} and reads, at every optimiser step, the learning rate (SGD:
 * the parameter change over the gradient) and Adam's β1 (from its first-moment state) the updater actually used.
 * 12 images in batches of 4: 3 steps per epoch, 4 epochs.
 */
class ScheduledTrainingTest {
    private static final int STEPS_PER_EPOCH = 3;
    private static final int EPOCHS = 4;

    /** What one step used, measured from the parameters and the updater state around it. */
    private record Observed(double rate, double beta1) {
    }

    @Test
    void sgdStepsAtTheWarmedUpMultiStepRates() {
        // lr 1, one warm-up epoch (steps 0–2 at 1/3, 2/3, 1), then ×0.5 from epoch 2.
        var schedule = LearningRateSchedule.multiStep(List.of(2), 0.5).withWarmup(1);
        List<EpochRecord> epochs = new ArrayList<>();
        List<Observed> steps = train(Optimizer.SGD, 1.0, schedule, epochs);
        double[] expected = {1 / 3.0, 2 / 3.0, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        assertThat(steps).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(steps.get(i).rate()).as("step %d", i).isCloseTo(expected[i], within(1e-4 * expected[i]));
        }
        // The epoch's record holds the rate of its first step.
        assertThat(epochs).extracting(EpochRecord::learningRate).containsExactly(1 / 3.0, 1.0, 0.5, 0.5);
    }

    @Test
    void sgdStepsAtTheOneCycleRates() {
        // Large enough rates for float parameter changes to resolve them: max 1, initial 1/5, final 1/10.
        var schedule = new LearningRateSchedule.OneCycle(0.3, 5, 2, false);
        List<EpochRecord> epochs = new ArrayList<>();
        List<Observed> steps = train(Optimizer.SGD, 1.0, schedule, epochs);
        var lr = Schedules.learningRate(schedule, 1.0, STEPS_PER_EPOCH, EPOCHS);
        assertThat(steps).hasSize(12);
        assertThat(steps.get(0).rate()).isCloseTo(0.2, within(1e-4));
        assertThat(steps.get(11).rate()).isCloseTo(0.1, within(1e-4));
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).rate()).as("step %d", i).isCloseTo(lr.valueAt(i, i / 3), within(1e-4));
        }
        assertThat(epochs.get(1).learningRate()).isEqualTo(lr.valueAt(3, 1));
    }

    @Test
    void adamCyclesBeta1AgainstTheRateAsPyTorchDoes() {
        List<Observed> steps = train(Optimizer.ADAM, 0.01, LearningRateSchedule.oneCycle(), new ArrayList<>());
        var beta1 = Schedules.momentum(LearningRateSchedule.oneCycle(), STEPS_PER_EPOCH, EPOCHS);
        assertThat(steps.get(0).beta1()).isCloseTo(0.95, within(1e-4));
        assertThat(steps.get(11).beta1()).isCloseTo(0.95, within(1e-4));
        // Peak at step 0.3·12 − 1 = 2.6: step 3 is just past it.
        assertThat(steps.get(3).beta1()).isCloseTo(0.8506, within(1e-3));
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).beta1()).as("step %d", i).isCloseTo(beta1.valueAt(i, i / 3), within(1e-4));
        }
    }

    @Test
    void adamWithoutOneCycleKeepsBeta1At09() {
        List<Observed> steps = train(Optimizer.ADAM, 0.01, LearningRateSchedule.constant(), new ArrayList<>());
        assertThat(steps).extracting(Observed::beta1).allSatisfy(b -> assertThat(b).isCloseTo(0.9, within(1e-4)));
    }

    private static List<Observed> train(Optimizer optimizer, double rate, LearningRateSchedule schedule,
                                        List<EpochRecord> epochs) {
        TrainingSpec spec = new TrainingSpec(EPOCHS, 4, optimizer, rate, 0, 0, schedule, 0);
        SplittableRandom rng = new SplittableRandom(3);
        float[] pixels = new float[12 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        int[] labels = {0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0};
        ImageSet images = new ImageSet(pixels, labels, 1, 4, 2);
        ImageSet none = new ImageSet(new float[0], new int[0], 1, 4, 2);
        CellData data = CellData.prepare(new DatasetSplits(images, none, images), 4, DataSymmetry.parse("upright"), 1);
        List<Observed> observed = new ArrayList<>();
        Trainer trainer = new Trainer(spec, 1, (net, epoch, batches) -> {
            double loss = 0;
            int n = 0;
            while (batches.hasNext()) {
                observed.add(step(net, batches.next()));
                loss += net.score();
                n++;
            }
            return loss / n;
        });
        ComputationGraph net = new ComputationGraph(trainer.baseConfiguration(STEPS_PER_EPOCH).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build());
        net.init();
        trainer.train(net, data, epochs);
        return observed;
    }

    /** One fit, with the gradient computed just before it and the parameters and Adam's m on each side of it. */
    private static Observed step(ComputationGraph net, DataSet batch) {
        net.setInputs(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        // The net's gradient is summed over the minibatch; the updater divides it by the minibatch size.
        INDArray g = net.gradient().gradient().dup().ravel().divi(batch.getFeatures().size(0));
        INDArray before = net.params().dup().ravel();
        INDArray state = net.getUpdater().getStateViewArray();
        INDArray mBefore = state == null || state.isEmpty() ? null : firstHalf(state, g.length()).dup();
        net.fit(new INDArray[] {batch.getFeatures()}, new INDArray[] {batch.getLabels()});
        int k = argMaxAbs(g);
        double rate = (before.getDouble(k) - net.params().ravel().getDouble(k)) / g.getDouble(k);
        double beta1 = Double.NaN;
        if (mBefore != null) {
            // m_t = β1·m_(t−1) + (1 − β1)·g_t, the first half of the state being m
            INDArray mAfter = firstHalf(net.getUpdater().getStateViewArray(), g.length());
            int j = argMaxAbs(mBefore.sub(g));
            beta1 = (mAfter.getDouble(j) - g.getDouble(j)) / (mBefore.getDouble(j) - g.getDouble(j));
        }
        return new Observed(rate, beta1);
    }

    private static INDArray firstHalf(INDArray state, long n) {
        return state.ravel().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
    }

    private static int argMaxAbs(INDArray a) {
        int best = 0;
        for (int i = 1; i < a.length(); i++) {
            if (Math.abs(a.getDouble(i)) > Math.abs(a.getDouble(best))) {
                best = i;
            }
        }
        return best;
    }
}

package io.equisweep.workers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.equisweep.workers.cell.LearningRateSchedule;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Rates at chosen iterations against values worked out by hand from PyTorch's definitions (iteration i is the i-th
 * optimiser step, from 0; L steps per epoch):
 * <ul>
 *   <li>OneCycleLR(max_lr, total = epochs·L, pct_start 0.3, div 25, final_div 1e4, cos): initial = max/25,
 *       min = initial/1e4; phase 1 ends at step 0.3·total − 1, phase 2 at total − 1; within a phase
 *       lr = end + (start − end)/2 · (cos(π·pct) + 1), pct = (i − phase start)/(phase end − phase start);
 *       momentum the same with 0.95 → 0.85 → 0.95.</li>
 *   <li>MultiStepLR(milestones, γ) stepped per epoch: epoch e runs at lr · γ^(number of milestones ≤ e).</li>
 *   <li>The ImageNet warm-up: lr · (i + 1) / (5·L) while i &lt; 5·L.</li>
 * </ul>
 */
class SchedulesTest {
    private static final double TOL = 1e-15;

    @Test
    void oneCycleFollowsPyTorchsOneCycleLR() {
        // max_lr 1e-3, 2 epochs of 10 steps: total 20, phase 1 ends at step 0.3·20 − 1 = 5, phase 2 at 19.
        ISchedule lr = Schedules.learningRate(LearningRateSchedule.oneCycle(), 1e-3, 10, 2);
        assertThat(lr.valueAt(0, 0)).isCloseTo(4e-5, within(TOL));                    // max/25
        // i = 1: pct 1/5: 1e-3 + (4e-5 − 1e-3)/2 · (cos(π/5) + 1) = 1e-3 − 4.8e-4 · 1.809017
        assertThat(lr.valueAt(1, 0)).isCloseTo(1.316718427000252e-4, within(TOL));
        assertThat(lr.valueAt(3, 0)).isCloseTo(6.683281572999747e-4, within(TOL));     // pct 3/5
        assertThat(lr.valueAt(5, 0)).isCloseTo(1e-3, within(TOL));                     // the peak
        // i = 12: pct (12 − 5)/(19 − 5) = 1/2: 4e-9 + (1e-3 − 4e-9)/2
        assertThat(lr.valueAt(12, 1)).isCloseTo(5.00002e-4, within(TOL));
        assertThat(lr.valueAt(16, 1)).isCloseTo(1.0908782242895002e-4, within(TOL));   // pct 11/14
        assertThat(lr.valueAt(19, 1)).isCloseTo(4e-9, within(TOL));                    // initial/1e4
        assertThat(lr.valueAt(25, 2)).isCloseTo(4e-9, within(TOL));                    // past the end: stays

        ISchedule momentum = Schedules.momentum(LearningRateSchedule.oneCycle(), 10, 2);
        assertThat(momentum.valueAt(0, 0)).isCloseTo(0.95, within(TOL));
        assertThat(momentum.valueAt(1, 0)).isCloseTo(0.9404508497187474, within(TOL)); // 0.85 + 0.05·(cos(π/5)+1)
        assertThat(momentum.valueAt(5, 0)).isCloseTo(0.85, within(TOL));
        assertThat(momentum.valueAt(12, 1)).isCloseTo(0.90, within(1e-15));
        assertThat(momentum.valueAt(19, 1)).isCloseTo(0.95, within(TOL));
    }

    @Test
    void theOfficialCifarRunPeaksAtStep11759() {
        // 50,000 images in batches of 256: 196 steps per epoch, 200 epochs, total 39,200; peak at 0.3·39,200 − 1.
        ISchedule lr = Schedules.learningRate(LearningRateSchedule.oneCycle(), 1e-3, 196, 200);
        assertThat(lr.valueAt(11_759, 59)).isCloseTo(1e-3, within(TOL));
        assertThat(lr.valueAt(11_758, 59)).isLessThan(1e-3);
        assertThat(lr.valueAt(11_760, 60)).isLessThan(1e-3);
        assertThat(lr.valueAt(100, 0)).isCloseTo(4.0171294876792125e-5, within(TOL));
        assertThat(lr.valueAt(39_199, 199)).isCloseTo(4e-9, within(TOL));
    }

    @Test
    void withoutCycledMomentumTheOptimisersOwnValueHolds() {
        var plain = new LearningRateSchedule.OneCycle(0.3, 25, 1e4, false);
        assertThat(Schedules.momentum(plain, 10, 2)).isNull();
        assertThat(Schedules.momentum(LearningRateSchedule.step(0.5, 10), 10, 2)).isNull();
        assertThat(Schedules.momentum(LearningRateSchedule.oneCycle().withWarmup(1), 10, 2)).isNotNull();
    }

    @Test
    void multiStepDropsByGammaAtEachMilestoneEpoch() {
        // The PCam recipe: lr 1e-3, milestones 8, 16, 20, 24, 26, 28, γ 0.75; 3 steps per epoch.
        var pcam = LearningRateSchedule.multiStep(List.of(8, 16, 20, 24, 26, 28), 0.75);
        ISchedule lr = Schedules.learningRate(pcam, 1e-3, 3, 30);
        double[] byEpoch = new double[30];
        for (int e = 0; e < 30; e++) {
            byEpoch[e] = lr.valueAt(3 * e, e);
            assertThat(lr.valueAt(3 * e + 2, e)).as("constant within epoch %d", e).isEqualTo(byEpoch[e]);
        }
        assertThat(byEpoch[0]).isEqualTo(1e-3);
        assertThat(byEpoch[7]).isEqualTo(1e-3);
        assertThat(byEpoch[8]).isCloseTo(7.5e-4, within(TOL));
        assertThat(byEpoch[15]).isCloseTo(7.5e-4, within(TOL));
        assertThat(byEpoch[16]).isCloseTo(5.625e-4, within(TOL));
        assertThat(byEpoch[20]).isCloseTo(4.21875e-4, within(TOL));
        assertThat(byEpoch[24]).isCloseTo(3.1640625e-4, within(TOL));
        assertThat(byEpoch[26]).isCloseTo(2.373046875e-4, within(TOL));
        assertThat(byEpoch[28]).isCloseTo(1.7797851562e-4, within(1e-14));
        assertThat(byEpoch[29]).isEqualTo(byEpoch[28]);
    }

    @Test
    void warmUpScalesTheFirstEpochsLinearlyPerStep() {
        // The ImageNet recipe: lr 0.1, 5 warm-up epochs, then ×0.1 at epochs 30, 60 and 80; 4 steps per epoch.
        var imagenet = LearningRateSchedule.multiStep(List.of(30, 60, 80), 0.1).withWarmup(5);
        ISchedule lr = Schedules.learningRate(imagenet, 0.1, 4, 90);
        assertThat(lr.valueAt(0, 0)).isCloseTo(0.1 / 20, within(TOL));   // (0 + 1)/(5·4)
        assertThat(lr.valueAt(9, 2)).isCloseTo(0.1 * 10 / 20, within(TOL));
        assertThat(lr.valueAt(19, 4)).isCloseTo(0.1, within(TOL));       // the last warm-up step: all of it
        assertThat(lr.valueAt(20, 5)).isCloseTo(0.1, within(TOL));
        assertThat(lr.valueAt(120, 30)).isCloseTo(0.01, within(TOL));
        assertThat(lr.valueAt(240, 60)).isCloseTo(0.001, within(TOL));
        assertThat(lr.valueAt(320, 80)).isCloseTo(1e-4, within(TOL));
        // A warm-up composes with any schedule, and a second one replaces the first.
        ISchedule step = Schedules.learningRate(LearningRateSchedule.step(0.5, 1).withWarmup(2).withWarmup(1), 0.2, 4, 3);
        assertThat(step.valueAt(0, 0)).isCloseTo(0.2 / 4, within(TOL));
        assertThat(step.valueAt(4, 1)).isCloseTo(0.1, within(TOL));
    }

    @Test
    void constantAndStepAreDl4jsOwnSchedules() {
        assertThat(Schedules.learningRate(LearningRateSchedule.constant(), 0.01, 7, 3).valueAt(20, 2)).isEqualTo(0.01);
        ISchedule step = Schedules.learningRate(LearningRateSchedule.step(0.5, 10), 0.01, 7, 50);
        assertThat(step).isInstanceOf(org.nd4j.linalg.schedule.StepSchedule.class);
        assertThat(step.valueAt(69, 9)).isEqualTo(0.01);
        assertThat(step.valueAt(70, 10)).isEqualTo(0.005);
    }

    /** The custom updater and schedules survive DL4J's JSON configuration and cloning, as saved models and replicas need. */
    @Test
    void customUpdaterAndSchedulesRoundTripThroughDl4jJsonAndClone() {
        ISchedule rate = Schedules.learningRate(LearningRateSchedule.oneCycle().withWarmup(1), 1e-3, 5, 4);
        ISchedule beta1 = Schedules.momentum(LearningRateSchedule.oneCycle(), 5, 4);
        ISchedule multi = Schedules.learningRate(LearningRateSchedule.multiStep(List.of(1, 3), 0.5).withWarmup(1), 0.1, 5, 4);
        for (IUpdater updater : List.of(new Beta1ScheduledAdam(rate, beta1), new Nesterovs(multi, beta1))) {
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().updater(updater).graphBuilder()
                    .addInputs("in")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                            .activation(Activation.SOFTMAX).build(), "in")
                    .setOutputs("out").build();
            ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
            assertThat(back).isEqualTo(conf);
            IUpdater restored = layerUpdater(back);
            assertThat(restored).isEqualTo(updater).isEqualTo(layerUpdater(conf.clone())).isEqualTo(updater.clone());
            assertThat(restored.getClass()).isEqualTo(updater.getClass());
            for (int i = 0; i < 20; i++) {
                assertThat(restored.getLearningRate(i, i / 5)).isEqualTo(updater.getLearningRate(i, i / 5));
            }
        }
        Beta1ScheduledAdam adam = (Beta1ScheduledAdam) new Beta1ScheduledAdam(rate, beta1).clone();
        assertThat(adam.getBeta1Schedule()).isEqualTo(beta1).isNotSameAs(beta1);
        assertThat(new Beta1ScheduledAdam(rate, beta1)).isNotEqualTo(new org.nd4j.linalg.learning.config.Adam(rate));
    }

    private static IUpdater layerUpdater(ComputationGraphConfiguration conf) {
        return ((BaseLayer) ((LayerVertex) conf.getVertices().get("out")).getLayerConf().getLayer()).getIUpdater();
    }
}

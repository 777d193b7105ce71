package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.equisweep.workers.symmetry.Group;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fast path's fused batch norm + ReLU and its inverted dropout against DL4J's own layers. */
class FusedLayersTest {

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build();
    }

    private static GroupBatchNorm bnRelu(Group g) {
        return new GroupBatchNorm.Builder(g).activation(Activation.RELU).build();
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C4", "D4"})
    void fusedReluEqualsBatchNormThenAReluLayerInOutputAndEveryGradient(Group g) {
        ComputationGraph fused = TestNets.chain(DataType.FLOAT, 10, 1,
                GroupConvolutionTest.lifting(g, 3, 3, 1, 1), bnRelu(g),
                GroupConvolutionTest.groupConv(g, 2, 3, 1, 1), bnRelu(g),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), output());
        ComputationGraph separate = TestNets.chain(DataType.FLOAT, 10, 1,
                GroupConvolutionTest.lifting(g, 3, 3, 1, 1), new GroupBatchNorm.Builder(g).build(),
                new ActivationLayer.Builder().activation(Activation.RELU).build(),
                GroupConvolutionTest.groupConv(g, 2, 3, 1, 1), new GroupBatchNorm.Builder(g).build(),
                new ActivationLayer.Builder().activation(Activation.RELU).build(),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), output());
        separate.setParams(fused.params());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 10, 10).subi(0.3);
        INDArray y = GroupLayersTest.labels(DataType.FLOAT, 6);

        assertThat(fused.output(x)[0].equalsWithEps(separate.output(x)[0], 1e-6)).isTrue();
        fused.setInputs(x);
        fused.setLabels(y);
        fused.computeGradientAndScore();
        separate.setInputs(x);
        separate.setLabels(y);
        separate.computeGradientAndScore();
        assertThat(fused.score()).isCloseTo(separate.score(), within(1e-6));
        INDArray a = fused.getGradientsViewArray();
        INDArray b = separate.getGradientsViewArray();
        assertThat(a.sub(b).norm2Number().doubleValue()).isLessThan(1e-5 * b.norm2Number().doubleValue());
        assertThat(b.norm2Number().doubleValue()).isGreaterThan(0);
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C1", "C4", "D4"})
    void fusedReluGradientsMatchFiniteDifferences(Group g) {
        ComputationGraph net = TestNets.chain(DataType.DOUBLE, 6, 1,
                GroupConvolutionTest.lifting(g, 3, 3, 1, 1), bnRelu(g),
                GroupConvolutionTest.groupConv(g, 2, 3, 1, 1),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                new GroupBatchNorm.Builder(g).activation(Activation.RELU).build(), output());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 1, 6, 6);
        assertThat(TestNets.gradientCheck(net, x, GroupLayersTest.labels(DataType.DOUBLE, 4),
                Set.of("l1_mean", "l1_var", "l4_mean", "l4_var"))).isTrue();
    }

    @Test
    void backpropWithoutATrainingForwardPassUsesTheInputsOwnStatisticsAndLeavesTheRunningOnesAlone() {
        Group g = Group.C4;
        ComputationGraph net = TestNets.chain(DataType.DOUBLE, 5, 8, bnRelu(g));
        net.initGradientsView();
        Layer bn = net.getLayer("l0");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 8, 5, 5).muli(3).subi(1);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 3, 8, 5, 5);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        bn.setInput(x, mgr);
        bn.activate(true, mgr);
        INDArray runningMean = bn.getParam("mean").dup();
        INDArray afterForward = bn.backpropGradient(eps, mgr).getSecond().dup();

        bn.setInput(x.dup(), mgr);
        INDArray recomputed = bn.backpropGradient(eps, mgr).getSecond();
        assertThat(recomputed.equalsWithEps(afterForward, 1e-12)).isTrue();
        assertThat(bn.getParam("mean")).isEqualTo(runningMean);
    }

    @Test
    void batchNormRejectsActivationsItCannotFuse() {
        assertThatThrownBy(() -> new GroupBatchNorm.Builder(Group.C4).activation(Activation.TANH).build())
                .hasMessageContaining("activation must be identity or ReLU");
    }

    @Test
    void fusedDropoutKeepsTheRetainedFractionScaledAndBackpropsThroughTheSameMask() {
        Group g = Group.C4;
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 20, 8,
                new GroupBatchNorm.Builder(g).activation(Activation.RELU).dropout(0.3).build());
        net.initGradientsView();
        Layer bn = net.getLayer("l0");
        // β large against γ: every normalised value is positive, so only dropout zeroes outputs
        bn.getParam("beta").assign(10);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8, 20, 20);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        bn.setInput(x, mgr);
        INDArray out = bn.activate(true, mgr).dup();
        INDArray kept = out.neq(0).castTo(DataType.FLOAT);
        // 51,200 draws: standard error 0.002
        assertThat(kept.meanNumber().doubleValue()).isCloseTo(0.7, within(0.01));
        bn.setInput(x, mgr);
        INDArray undropped = bn.activate(false, mgr).dup();
        assertThat(undropped.minNumber().doubleValue()).isGreaterThan(0.0);

        INDArray eps = Nd4j.ones(DataType.FLOAT, x.shape());
        bn.setInput(x, mgr);
        INDArray again = bn.activate(true, mgr).dup();
        INDArray keptAgain = again.neq(0).castTo(DataType.FLOAT);
        assertThat(keptAgain).as("a fresh mask per training pass").isNotEqualTo(kept);
        INDArray gradThroughMask = bn.backpropGradient(eps.mul(keptAgain), mgr).getSecond().dup();
        INDArray gradOfAll = bn.backpropGradient(eps, mgr).getSecond();
        // ε is gated by the mask: masking it first changes nothing
        assertThat(gradOfAll.equalsWithEps(gradThroughMask, 1e-5)).isTrue();
    }

    @Test
    void fusedDropoutRoundTripsThroughJsonAndRejectsABadProbabilityOrAMissingRelu() {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 4, 8,
                new GroupBatchNorm.Builder(Group.C4).activation(Activation.RELU).dropout(0.4).build());
        String json = net.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertThat(back.toJson()).isEqualTo(json).contains("\"retain\" : 0.6");
        assertThat(back).isEqualTo(net.getConfiguration());
        assertThatThrownBy(() -> new GroupBatchNorm.Builder(Group.C4).activation(Activation.RELU).dropout(1).build())
                .hasMessageContaining("must be in [0, 1)");
        assertThatThrownBy(() -> new GroupBatchNorm.Builder(Group.C4).dropout(0.5).build())
                .hasMessageContaining("needs the fused ReLU");
    }

    @Test
    void backpropThroughDropoutWithoutATrainingPassIsRefused() {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 4, 8,
                new GroupBatchNorm.Builder(Group.C4).activation(Activation.RELU).dropout(0.4).build());
        net.initGradientsView();
        Layer bn = net.getLayer("l0");
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        bn.setInput(Nd4j.rand(DataType.FLOAT, 2, 8, 4, 4), mgr);
        assertThatThrownBy(() -> bn.backpropGradient(Nd4j.ones(DataType.FLOAT, 2, 8, 4, 4), mgr))
                .hasMessageContaining("without a training forward pass");
    }

    @Test
    void gradientViewsOfAFusedLayerAreTheOnesTheUpdaterReads() {
        Group g = Group.C4;
        ComputationGraph net = TestNets.chain(DataType.DOUBLE, 4, 8, bnRelu(g),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), output());
        net.setInputs(Nd4j.rand(DataType.DOUBLE, 3, 8, 4, 4));
        net.setLabels(GroupLayersTest.labels(DataType.DOUBLE, 3));
        net.computeGradientAndScore();
        Gradient gradient = net.gradient();
        assertThat(gradient.getGradientFor("l0_gamma").norm2Number().doubleValue()).isGreaterThan(0);
        assertThat(gradient.getGradientFor("l0_mean").norm2Number().doubleValue()).isZero();
    }
}

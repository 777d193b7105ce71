package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.equisweep.workers.symmetry.Group;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
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
    void invertedDropoutKeepsTheRetainedFractionScaledAndBackpropsThroughTheSameMask() {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 20, 10,
                new DropoutLayer.Builder().dropOut(new InvertedDropout(0.7)).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 10, 20, 20).addi(0.5);
        Layer drop = net.getLayer("l0");
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        drop.setInput(x, mgr);
        INDArray out = drop.activate(true, mgr).dup();

        INDArray kept = out.neq(0).castTo(DataType.FLOAT);
        assertThat(kept.meanNumber().doubleValue()).isCloseTo(0.7, within(0.01));
        INDArray scaled = x.mul(kept).divi(0.7);
        assertThat(out.equalsWithEps(scaled, 1e-5)).isTrue();

        INDArray eps = Nd4j.ones(DataType.FLOAT, x.shape());
        INDArray grad = drop.backpropGradient(eps, mgr).getSecond();
        assertThat(grad.equalsWithEps(kept.div(0.7), 1e-5)).isTrue();

        drop.setInput(x, mgr);
        assertThat(drop.activate(false, mgr)).isEqualTo(x);
    }

    @Test
    void invertedDropoutRoundTripsThroughJsonAndRejectsABadProbability() {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 4, 2,
                new DropoutLayer.Builder().dropOut(new InvertedDropout(0.6)).build());
        String json = net.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertThat(back.toJson()).isEqualTo(json).contains("InvertedDropout");
        assertThat(back).isEqualTo(net.getConfiguration());
        assertThatThrownBy(() -> new InvertedDropout(0)).hasMessageContaining("must be in (0, 1]");
        assertThat(new InvertedDropout(0.6)).isNotEqualTo(new Dropout(0.6));
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

package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.nn.EquivarianceCheck.ElementError;
import io.equisweep.workers.nn.EquivarianceCheck.Kind;
import io.equisweep.workers.symmetry.Group;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GroupConvolutionTest {

    static LiftingConv lifting(Group g, int fields, int kernel, int stride, int padding) {
        return new LiftingConv.Builder().group(g).nOut(fields).kernel(kernel).stride(stride).padding(padding).build();
    }

    static GroupConv groupConv(Group g, int fields, int kernel, int stride, int padding) {
        return new GroupConv.Builder().group(g).nOut(fields).kernel(kernel).stride(stride).padding(padding).build();
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C4", "D4"})
    void liftingAndGroupConvolutionsAreExactlyEquivariantForEveryElement(Group group) {
        // 3×3 pad 1, 3×3 valid, 4×4 valid, then 3×3 stride 2 pad 1 on the odd map that leaves
        // (16 → 16 → 14 → 11): every layer exact by the rule. 2 input channels.
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 16, 2, lifting(group, 3, 3, 1, 1),
                groupConv(group, 4, 3, 1, 0), groupConv(group, 3, 4, 1, 0), groupConv(group, 2, 3, 2, 1));
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 16, 16);
        List<ElementError> errors = EquivarianceCheck.measure(net, x, group,
                Map.of("l0", Kind.REGULAR, "l1", Kind.REGULAR, "l2", Kind.REGULAR, "l3", Kind.REGULAR));
        assertThat(errors).hasSize((group.order() - 1) * 4);
        assertThat(errors).allSatisfy(e -> assertThat(e.relative()).as(e.layer() + " " + e.element()).isLessThan(1e-5));
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C4", "D4"})
    void aStrideTwoLayerIsExactExactlyWhenTheRuleSaysSo(Group group) {
        for (int n = 20; n <= 40; n++) {
            ComputationGraph net = TestNets.chain(DataType.FLOAT, n, 1, lifting(group, 2, 3, 2, 0));
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, 1, n, n);
            double worst = EquivarianceCheck.worstByLayer(
                    EquivarianceCheck.measure(net, x, group, Map.of("l0", Kind.REGULAR))).get("l0");
            if ((n - 3) % 2 == 0) {
                assertThat(worst).as("n=%d exact", n).isLessThan(1e-5);
            } else {
                assertThat(worst).as("n=%d approximate", n).isGreaterThan(1e-2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C1", "C4", "D4"})
    void gradientsMatchFiniteDifferencesInDoublePrecision(Group group) {
        ComputationGraph net = gradientNet(group);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 7, 7);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        y.putScalar(0, 1, 1);
        y.putScalar(1, 2, 1);
        assertThat(TestNets.gradientCheck(net, x, y, java.util.Set.of())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C1", "C4", "D4"})
    void aNetworkInputLayerSkipsTheInputGradientAndKeepsTheWeightGradient(Group group) {
        // stride 2 on 7×7 with padding 1: im2col's geometry must match the forward convolution's
        java.util.function.Function<Boolean, ComputationGraph> net = networkInput -> TestNets.chain(DataType.DOUBLE, 7, 2,
                new LiftingConv.Builder().group(group).nOut(2).kernel(3).stride(2).padding(1).networkInput(networkInput)
                        .build(), groupConv(group, 2, 3, 1, 0),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build());
        ComputationGraph plain = net.apply(false);
        ComputationGraph skipping = net.apply(true);
        skipping.setParams(plain.params());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 7, 7);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        for (int i = 0; i < 3; i++) {
            y.putScalar(i, i, 1);
        }
        for (ComputationGraph g : List.of(plain, skipping)) {
            g.setInputs(x);
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        assertThat(skipping.getGradientsViewArray().sub(plain.getGradientsViewArray()).amaxNumber().doubleValue())
                .isLessThan(1e-12);
        var layer = skipping.getLayer("l0");
        layer.setInput(x, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray out = layer.activate(true, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertThat(layer.backpropGradient(out.like(), org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces())
                .getSecond()).as("no input gradient").isNull();
        assertThat(TestNets.gradientCheck(skipping, x, y, java.util.Set.of())).isTrue();
    }

    static ComputationGraph gradientNet(Group group) {
        return TestNets.chain(DataType.DOUBLE, 7, 2, lifting(group, 2, 3, 1, 1), groupConv(group, 2, 3, 2, 0),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build());
    }
}

package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.nn.EquivarianceCheck.ElementError;
import io.equisweep.workers.nn.EquivarianceCheck.Kind;
import io.equisweep.workers.symmetry.Group;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SeparableGroupConvTest {

    static SeparableGroupConv separable(Group g, int fields, int kernel, int stride, int padding) {
        return new SeparableGroupConv.Builder().group(g).nOut(fields).kernel(kernel).stride(stride).padding(padding)
                .build();
    }

    @ParameterizedTest(name = "{0}, stride {1}")
    @CsvSource({"C1, 1", "C4, 1", "C4, 2", "D4, 1", "D4, 2"})
    void equalsTheGroupConvolutionWhoseFilterIsTheProductOfItsFactors(Group g, int stride) {
        int inFields = 3;
        int outFields = 2;
        int order = g.order();
        ComputationGraph lifted = TestNets.chain(DataType.FLOAT, 9, inFields * order,
                separable(g, outFields, 3, stride, 1));
        ComputationGraph full = TestNets.chain(DataType.FLOAT, 9, inFields * order,
                GroupConvolutionTest.groupConv(g, outFields, 3, stride, 1));
        Layer sep = lifted.getLayer("l0");
        float[] spatial = sep.getParam("W").dup().data().asFloat();
        float[] pointwise = sep.getParam("pW").dup().data().asFloat();
        int channels = inFields * order;
        float[] product = new float[outFields * channels * 9];
        for (int o = 0; o < outFields; o++) {
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < 9; p++) {
                    product[(o * channels + c) * 9 + p] = pointwise[o * channels + c] * spatial[o * 9 + p];
                }
            }
        }
        full.getLayer("l0").getParam("W").assign(Nd4j.create(product, new long[] {outFields, channels, 3, 3}, 'c'));
        full.getLayer("l0").getParam("b").assign(sep.getParam("b").addi(Nd4j.createFromArray(0.3f, -0.2f)));

        INDArray x = Nd4j.rand(DataType.FLOAT, 2, channels, 9, 9);
        INDArray expected = full.outputSingle(false, x);
        INDArray actual = lifted.outputSingle(false, x);
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue())
                .isLessThan(1e-5 * expected.amaxNumber().doubleValue());
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C4", "D4"})
    void isExactlyEquivariantForEveryElementAtStrideOneAndTwo(Group g) {
        // 15 → 15 (3×3 pad 1) → 8 (3×3 stride 2 pad 1 on an odd map: exact) → 8.
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 15, 2, GroupConvolutionTest.lifting(g, 3, 3, 1, 1),
                separable(g, 4, 3, 1, 1), separable(g, 3, 3, 2, 1), separable(g, 2, 3, 1, 1));
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 15, 15);
        List<ElementError> errors = EquivarianceCheck.measure(net, x, g,
                Map.of("l1", Kind.REGULAR, "l2", Kind.REGULAR, "l3", Kind.REGULAR));
        assertThat(errors).hasSize((g.order() - 1) * 3);
        assertThat(errors).allSatisfy(e -> assertThat(e.relative()).as(e.layer() + " " + e.element()).isLessThan(1e-5));
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C4", "D4"})
    void aStrideTwoLayerOnAnEvenMapIsOnlyApproximatelyEquivariant(Group g) {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 16, 1, GroupConvolutionTest.lifting(g, 2, 3, 1, 1),
                separable(g, 2, 3, 2, 1));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        double worst = EquivarianceCheck.worstByLayer(EquivarianceCheck.measure(net, x, g, Map.of("l1", Kind.REGULAR)))
                .get("l1");
        assertThat(worst).isGreaterThan(1e-2);
    }

    static ComputationGraph gradientNet(Group g, boolean bias) {
        return TestNets.chain(DataType.DOUBLE, 7, 2, GroupConvolutionTest.lifting(g, 2, 3, 1, 1),
                new SeparableGroupConv.Builder().group(g).nOut(2).kernel(3).stride(2).padding(0).hasBias(bias).build(),
                new SeparableGroupConv.Builder().group(g).nOut(3).kernel(2).stride(1).padding(1).hasBias(bias).build(),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build());
    }

    @ParameterizedTest(name = "{0}, bias {1}")
    @CsvSource({"C1, true", "C4, true", "D4, true", "C4, false"})
    void gradientsMatchFiniteDifferencesInDoublePrecision(Group g, boolean bias) {
        ComputationGraph net = gradientNet(g, bias);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 7, 7);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        y.putScalar(0, 1, 1);
        y.putScalar(1, 2, 1);
        assertThat(TestNets.gradientCheck(net, x, y, Set.of())).isTrue();
    }

    @Test
    void backpropWithoutATrainingForwardPassRecomputesTheMixedMaps() {
        ComputationGraph net = TestNets.chain(DataType.DOUBLE, 6, 8, separable(Group.C4, 3, 3, 2, 1));
        net.initGradientsView();
        Layer layer = net.getLayer("l0");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 8, 6, 6);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 2, 12, 3, 3);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        layer.activate(true, mgr);
        var afterForward = layer.backpropGradient(eps, mgr);
        INDArray epsIn = afterForward.getSecond().dup();
        INDArray weightGrad = afterForward.getFirst().getGradientFor("pW").dup();

        layer.setInput(x.dup(), mgr);
        var recomputed = layer.backpropGradient(eps, mgr);
        assertThat(recomputed.getSecond().equalsWithEps(epsIn, 1e-12)).isTrue();
        assertThat(recomputed.getFirst().getGradientFor("pW").equalsWithEps(weightGrad, 1e-12)).isTrue();
    }

    @Test
    void theMixedMapsKeptInTheActivationWorkspaceGiveTheGradientsOfAWorkspaceFreeNetwork() {
        ComputationGraph[] nets = new ComputationGraph[2];
        org.deeplearning4j.nn.conf.WorkspaceMode[] modes = {org.deeplearning4j.nn.conf.WorkspaceMode.ENABLED,
            org.deeplearning4j.nn.conf.WorkspaceMode.NONE};
        for (int i = 0; i < 2; i++) {
            var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(9).dataType(DataType.DOUBLE)
                    .trainingWorkspaceMode(modes[i]).inferenceWorkspaceMode(modes[i])
                    .updater(new org.nd4j.linalg.learning.config.NoOp()).graphBuilder().addInputs("in")
                    .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(9, 9, 4))
                    .addLayer("a", separable(Group.C4, 3, 3, 2, 1), "in")
                    .addLayer("b", new GroupBatchNorm.Builder(Group.C4).activation(Activation.RELU).build(), "a")
                    .addLayer("c", separable(Group.C4, 2, 3, 1, 1), "b")
                    .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "c")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .activation(Activation.SOFTMAX).nOut(3).build(), "gap")
                    .setOutputs("out").build();
            nets[i] = new ComputationGraph(conf);
            nets[i].init();
        }
        nets[1].setParams(nets[0].params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 9, 9);
        INDArray y = GroupLayersTest.labels(DataType.DOUBLE, 3);
        for (ComputationGraph net : nets) {
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertThat(nets[0].gradient().gradient().equalsWithEps(nets[1].gradient().gradient(), 1e-12)).isTrue();
        assertThat(nets[0].gradient().getGradientFor("a_pW").norm2Number().doubleValue()).isGreaterThan(0);
    }

    @Test
    void hasOneSpatialKernelAndOnePointwiseWeightPerInputChannelForEachOutputField() {
        // outFields · (k² + inFields·|G|) + outFields = 5 · (9 + 3·8) + 5 for D4.
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 9, 24, separable(Group.D4, 5, 3, 1, 1));
        assertThat(net.getLayer("l0").numParams()).isEqualTo(5 * (9 + 3 * 8) + 5);
        assertThat(net.getLayer("l0").getParam("W").shape()).containsExactly(5, 3, 3);
        assertThat(net.getLayer("l0").getParam("pW").shape()).containsExactly(5, 24);
    }

    @Test
    void configurationSurvivesJsonAndRejectsAPlainInput() {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 9, 8, separable(Group.C4, 2, 3, 2, 1));
        String json = net.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertThat(back.toJson()).isEqualTo(json).contains("SeparableGroupConv").contains("\"stride\" : 2");
        assertThat(back).isEqualTo(net.getConfiguration());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNets.chain(DataType.FLOAT, 8, 6,
                        separable(Group.C4, 2, 3, 1, 1)))
                .hasMessageContaining("input has 6 channels, not a multiple of the group order 4");
    }

    @Test
    void theKindsBuildTheirLayers() {
        GroupConvolution full = GroupConvKind.FULL.builder().group(Group.C4).nOut(2).build();
        GroupConvolution separable = GroupConvKind.SEPARABLE.builder().group(Group.C4).nOut(2).build();
        assertThat(full).isInstanceOf(GroupConv.class);
        assertThat(separable).isInstanceOf(SeparableGroupConv.class);
    }
}

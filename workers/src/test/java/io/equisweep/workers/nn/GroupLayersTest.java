package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.equisweep.workers.nn.EquivarianceCheck.ElementError;
import io.equisweep.workers.nn.EquivarianceCheck.Kind;
import io.equisweep.workers.symmetry.Group;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GroupLayersTest {

    static ComputationGraph stack(Group g, DataType type, int n) {
        return TestNets.chain(type, n, 1,
                GroupConvolutionTest.lifting(g, 3, 3, 1, 1),                 // l0
                new GroupBatchNorm.Builder(g).build(),                         // l1
                GroupSpatialPool.max(2, 2, 0),                                 // l2
                GroupConvolutionTest.groupConv(g, 2, 3, 1, 1),                 // l3
                new CosetMaxPool(g),                                           // l4: [B, 2, h, w]
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),       // l5: [B, 2]
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build());
    }

    static INDArray labels(DataType type, int batch) {
        INDArray y = Nd4j.zeros(type, batch, 3);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C4", "D4"})
    void everyDepthIsEquivariantAndTheOutputInvariantAfterTraining(Group g) {
        ComputationGraph net = stack(g, DataType.FLOAT, 12);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 12, 12);
        // A few steps so that batch-norm running statistics and weights are no longer at their init.
        for (int i = 0; i < 3; i++) {
            net.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 4)});
        }
        Map<String, Kind> layers = new LinkedHashMap<>();
        layers.put("l0", Kind.REGULAR);
        layers.put("l1", Kind.REGULAR);
        layers.put("l2", Kind.REGULAR);
        layers.put("l3", Kind.REGULAR);
        layers.put("l4", Kind.SPATIAL);
        layers.put("l5", Kind.INVARIANT);
        layers.put("l6", Kind.INVARIANT);
        List<ElementError> errors = EquivarianceCheck.measure(net, x, g, layers);
        assertThat(errors).hasSize((g.order() - 1) * layers.size());
        assertThat(errors).allSatisfy(e -> assertThat(e.relative()).as(e.layer() + " " + e.element()).isLessThan(1e-5));
        assertThat(net.getLayer("l1").getParam("var").getDouble(0)).isNotEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(value = Group.class, names = {"C1", "C4", "D4"})
    void gradientsOfTheWholeStackMatchFiniteDifferences(Group g) {
        ComputationGraph net = stack(g, DataType.DOUBLE, 6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 6, 6);
        assertThat(TestNets.gradientCheck(net, x, labels(DataType.DOUBLE, 3), Set.of("l1_mean", "l1_var"))).isTrue();
    }

    @Test
    void featureVectorPathOfBatchNormAndCosetPoolHasCorrectGradients() {
        Group g = Group.D4;
        ComputationGraph net = TestNets.chain(DataType.DOUBLE, 5, 2,
                GroupConvolutionTest.lifting(g, 2, 3, 1, 0),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),     // [B, 2·8]
                new GroupBatchNorm.Builder(g).build(),                         // 2-D batch norm
                new CosetMaxPool(g),                                           // [B, 2]
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 5, 5);
        assertThat(TestNets.gradientCheck(net, x, labels(DataType.DOUBLE, 4), Set.of("l2_mean", "l2_var"))).isTrue();
    }

    @Test
    void batchNormSharesOneStatisticPerFieldOverTheGroup() {
        Group g = Group.C4;
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 3, 8, new GroupBatchNorm.Builder(g).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 8, 3, 3).muli(4).addi(2);
        INDArray y = net.feedForward(new INDArray[] {x}, true).get("l0");
        for (int field = 0; field < 2; field++) {
            INDArray block = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(field * 4, field * 4 + 4));
            assertThat(block.meanNumber().doubleValue()).isCloseTo(0, within(1e-5));
            assertThat(block.stdNumber().doubleValue()).isCloseTo(1, within(0.02));
            // Not normalised per channel: single channels keep their own offsets.
        }
        assertThat(net.getLayer("l0").numParams()).isEqualTo(4 * 2);
    }

    @Test
    void configurationAndTrainedNetworkSurviveJsonAndModelSerializer() throws Exception {
        Group g = Group.D4;
        ComputationGraph net = stack(g, DataType.FLOAT, 10);
        ComputationGraphConfiguration conf = net.getConfiguration();
        String json = conf.toJson();
        assertThat(ComputationGraphConfiguration.fromJson(json).toJson()).isEqualTo(json);
        assertThat(json).contains("\"group\" : \"D4\"").contains("\"kernel\" : 3");

        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 10, 10);
        net.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 2)});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(Nd4j.toFlattened(back.outputSingle(false, x)).toFloatVector())
                .containsExactly(Nd4j.toFlattened(net.outputSingle(false, x)).toFloatVector());
        // The restored updater state continues training identically.
        net.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 2)});
        back.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 2)});
        assertThat(back.params().toFloatVector()).containsExactly(net.params().toFloatVector());
    }

    @Test
    void layersWorkInAMultiLayerNetworkToo() {
        Group g = Group.C4;
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).updater(new org.nd4j.linalg.learning.config.Adam(0.01))
                .list()
                .layer(GroupConvolutionTest.lifting(g, 3, 3, 1, 1))
                .layer(new GroupBatchNorm.Builder(g).build())
                .layer(GroupConvolutionTest.groupConv(g, 3, 3, 2, 1))
                .layer(new CosetMaxPool(g))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(9, 9, 1))
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 9, 9);
        INDArray y = labels(DataType.FLOAT, 6);
        double before = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        for (int i = 0; i < 30; i++) {
            net.fit(x, y);
        }
        assertThat(net.score(new org.nd4j.linalg.dataset.DataSet(x, y))).isLessThan(before);
        assertThat(org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson()).toJson()).isEqualTo(conf.toJson());
    }

    @Test
    void layersRejectInputsThatAreNotOverTheirGroup() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNets.chain(DataType.FLOAT, 8, 6,
                        GroupConvolutionTest.groupConv(Group.C4, 2, 3, 1, 1)))
                .hasMessageContaining("input has 6 channels, not a multiple of the group order 4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNets.chain(DataType.FLOAT, 8, 6, new CosetMaxPool(Group.D4)))
                .hasMessageContaining("6 channels is not a multiple of |D4| = 8");
    }

}

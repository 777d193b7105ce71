package io.equisweep.workers.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Java max pool against DL4J's own pooling layer with the same configuration. */
class GroupMaxPoolTest {
    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    private static Layer[] layers(int size, int window, int stride, int padding) {
        ComputationGraph ours = TestNets.chain(DataType.FLOAT, size, 6, GroupSpatialPool.max(window, stride, padding));
        ComputationGraph dl4j = TestNets.chain(DataType.FLOAT, size, 6,
                new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.MAX).kernelSize(window, window)
                        .stride(stride, stride).padding(padding, padding)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Truncate).build());
        return new Layer[] {ours.getLayer("l0"), dl4j.getLayer("l0")};
    }

    @ParameterizedTest
    @CsvSource({"28, 2, 2, 0", "13, 2, 2, 0", "13, 3, 2, 1", "10, 3, 1, 0"})
    void forwardAndBackwardEqualDl4jsPoolingLayer(int size, int window, int stride, int padding) {
        Layer[] pair = layers(size, window, stride, padding);
        assertThat(pair[0]).isInstanceOf(GroupMaxPoolLayer.class);
        Nd4j.getRandom().setSeed(size);
        // distinct values, so that no window has two maxima
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6, size, size).subi(0.5);
        INDArray[] out = new INDArray[2];
        INDArray[] grad = new INDArray[2];
        INDArray eps = null;
        for (int i = 0; i < 2; i++) {
            pair[i].setInput(x, MGR);
            out[i] = pair[i].activate(true, MGR).dup();
            if (eps == null) {
                eps = Nd4j.randn(DataType.FLOAT, out[i].shape());
            }
            grad[i] = pair[i].backpropGradient(eps, MGR).getSecond().dup();
        }
        assertThat(out[0]).isEqualTo(out[1]);
        assertThat(grad[0].equalsWithEps(grad[1], 1e-6)).isTrue();
        pair[0].setInput(x, MGR);
        assertThat(pair[0].activate(false, MGR)).isEqualTo(out[1]);
    }

    @Test
    void anAllEqualWindowSendsItsGradientToItsFirstPosition() {
        Layer ours = layers(4, 2, 2, 0)[0];
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 6, 4, 4);
        ours.setInput(x, MGR);
        INDArray out = ours.activate(true, MGR);
        INDArray grad = ours.backpropGradient(Nd4j.ones(DataType.FLOAT, out.shape()), MGR).getSecond();
        assertThat(grad.sumNumber().doubleValue()).isEqualTo(out.length());
        assertThat(grad.getFloat(0, 0, 0, 0)).isEqualTo(1f);
        assertThat(grad.getFloat(0, 0, 1, 1)).isEqualTo(0f);
    }

    @Test
    void roundTripsThroughJson() {
        ComputationGraph net = TestNets.chain(DataType.FLOAT, 8, 2, GroupSpatialPool.max(2, 2, 0));
        String json = net.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertThat(back.toJson()).isEqualTo(json).contains("GroupMaxPool");
        assertThat(back).isEqualTo(net.getConfiguration());
    }
}

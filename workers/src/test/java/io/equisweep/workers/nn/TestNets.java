package io.equisweep.workers.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/** Small graphs of the layers under test: a chain named l0, l1, ... with optional extra layers on top. */
public final class TestNets {
    private TestNets() {
    }

    /** Runs a DL4J gradient check, which demands ND4J's global default type be double while it runs. */
    public static boolean gradientCheck(ComputationGraph net, org.nd4j.linalg.api.ndarray.INDArray x,
                                        org.nd4j.linalg.api.ndarray.INDArray y, java.util.Set<String> exclude) {
        DataType before = org.nd4j.linalg.factory.Nd4j.dataType();
        org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
                    new org.deeplearning4j.gradientcheck.GradientCheckUtil.GraphConfig().net(net)
                            .inputs(new org.nd4j.linalg.api.ndarray.INDArray[] {x})
                            .labels(new org.nd4j.linalg.api.ndarray.INDArray[] {y})
                            .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).excludeParams(exclude));
        } finally {
            org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(before, before);
        }
    }

    static ComputationGraph chain(DataType type, int size, int channels, Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(type).weightInit(WeightInit.NORMAL).biasInit(0.1).updater(new NoOp())
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(size, size, channels));
        String last = "in";
        for (int i = 0; i < layers.length; i++) {
            b.addLayer("l" + i, layers[i], last);
            last = "l" + i;
        }
        ComputationGraph net = new ComputationGraph(b.setOutputs(last).build());
        net.init();
        return net;
    }
}

package io.equisweep.workers.nn;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every layer configuration's {@code instantiate} does to its new runtime layer, once. */
final class LayerWiring {
    private LayerWiring() {
    }

    static <T extends AbstractLayer<?>> T wire(T layer, Layer conf, NeuralNetConfiguration netConf,
                                              Collection<TrainingListener> listeners, int index, INDArray paramsView,
                                              boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.initializer().init(netConf, paramsView, initializeParams));
        layer.setConf(netConf);
        return layer;
    }
}

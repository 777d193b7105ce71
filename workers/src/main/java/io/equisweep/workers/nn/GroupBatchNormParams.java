package io.equisweep.workers.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code gamma} (scale, init 1), {@code beta} (shift, init 0) and the running {@code mean} (init 0) and
 * {@code var} (init 1), one per field. The running statistics are updated by the layer itself, never by
 * the optimiser (NoOp updater, zero gradient, no regularisation).
 */
final class GroupBatchNormParams implements ParamInitializer {
    static final GroupBatchNormParams INSTANCE = new GroupBatchNormParams();
    static final String GAMMA = "gamma";
    static final String BETA = "beta";
    static final String MEAN = "mean";
    static final String VAR = "var";
    private static final List<String> KEYS = List.of(GAMMA, BETA, MEAN, VAR);

    static boolean isRunningStatistic(String key) {
        return MEAN.equals(key) || VAR.equals(key);
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 4 * ((GroupBatchNorm) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(GAMMA);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BETA);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return GAMMA.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BETA.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray view, boolean initialize) {
        Map<String, INDArray> views = getGradientsFromFlattened(conf, view);
        if (initialize) {
            views.get(GAMMA).assign(1);
            views.get(BETA).assign(0);
            views.get(MEAN).assign(0);
            views.get(VAR).assign(1);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray view) {
        long n = ((GroupBatchNorm) conf.getLayer()).getNOut();
        INDArray row = view.reshape(view.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            out.put(KEYS.get(i), row.get(NDArrayIndex.interval(i * n, (i + 1) * n)));
        }
        return out;
    }
}

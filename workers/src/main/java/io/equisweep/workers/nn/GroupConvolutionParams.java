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
 * Parameters of a {@link GroupConvolution}: {@code W} of shape {@code [outFields, inFields·Gin, k, k]} and
 * {@code b} of shape {@code [outFields]}; weights initialised with the layer's weight init at
 * fan-in {@code inFields·Gin·k²}.
 */
final class GroupConvolutionParams implements ParamInitializer {
    static final GroupConvolutionParams INSTANCE = new GroupConvolutionParams();
    static final String WEIGHT = "W";
    static final String BIAS = "b";

    private static GroupConvolution conf(Layer layer) {
        return (GroupConvolution) layer;
    }

    private static long weightCount(GroupConvolution c) {
        return c.getNOut() * c.getNIn() * c.inputOrder() * (long) c.kernel() * c.kernel();
    }

    static long[] weightShape(GroupConvolution c) {
        return new long[] {c.getNOut(), c.getNIn() * c.inputOrder(), c.kernel(), c.kernel()};
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GroupConvolution c = conf(layer);
        return weightCount(c) + (c.hasBias() ? c.getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(WEIGHT, BIAS) : List.of(WEIGHT);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray view, boolean initialize) {
        GroupConvolution c = conf(conf.getLayer());
        Map<String, INDArray> views = split(c, view);
        if (initialize) {
            long fanIn = c.getNIn() * c.inputOrder() * (long) c.kernel() * c.kernel();
            long fanOut = c.getNOut() * c.group().order() * (long) c.kernel() * c.kernel();
            c.getWeightInitFn().init(fanIn, fanOut, weightShape(c), 'c', views.get(WEIGHT));
            if (c.hasBias()) {
                views.get(BIAS).assign(c.getBiasInit());
            }
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray view) {
        return split(conf(conf.getLayer()), view);
    }

    private static Map<String, INDArray> split(GroupConvolution c, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        long n = weightCount(c);
        INDArray row = flat.reshape(flat.length());
        out.put(WEIGHT, row.get(NDArrayIndex.interval(0, n)).reshape('c', weightShape(c)));
        if (c.hasBias()) {
            out.put(BIAS, row.get(NDArrayIndex.interval(n, n + c.getNOut())));
        }
        return out;
    }
}

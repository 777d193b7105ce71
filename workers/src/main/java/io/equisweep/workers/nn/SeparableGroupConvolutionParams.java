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
 * Parameters of a {@link SeparableGroupConv}: the spatial kernels {@code W} of shape {@code [outFields, k, k]},
 * the pointwise weights {@code pW} of shape {@code [outFields, inFields·|G|]} and the bias {@code b} of shape
 * {@code [outFields]}. Each factor is initialised with the layer's weight init as the layer it acts as would be:
 * the pointwise weights as a 1×1 group convolution (fan-in {@code inFields·|G|}, fan-out {@code outFields·|G|}),
 * the spatial kernels as a depthwise convolution feeding |G| output channels (fan-in k², fan-out |G|·k²).
 */
final class SeparableGroupConvolutionParams implements ParamInitializer {
    static final SeparableGroupConvolutionParams INSTANCE = new SeparableGroupConvolutionParams();
    static final String SPATIAL = "W";
    static final String POINTWISE = "pW";
    static final String BIAS = "b";

    private static SeparableGroupConv conf(Layer layer) {
        return (SeparableGroupConv) layer;
    }

    static long[] spatialShape(SeparableGroupConv c) {
        return new long[] {c.getNOut(), c.kernel(), c.kernel()};
    }

    static long[] pointwiseShape(SeparableGroupConv c) {
        return new long[] {c.getNOut(), c.getNIn() * c.inputOrder()};
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        SeparableGroupConv c = conf(layer);
        return length(spatialShape(c)) + length(pointwiseShape(c)) + (c.hasBias() ? c.getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(SPATIAL, POINTWISE, BIAS) : List.of(SPATIAL, POINTWISE);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(SPATIAL, POINTWISE);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return SPATIAL.equals(key) || POINTWISE.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray view, boolean initialize) {
        SeparableGroupConv c = conf(conf.getLayer());
        Map<String, INDArray> views = split(c, view);
        if (initialize) {
            long k2 = (long) c.kernel() * c.kernel();
            long order = c.group().order();
            c.getWeightInitFn().init(k2, order * k2, spatialShape(c), 'c', views.get(SPATIAL));
            c.getWeightInitFn().init(c.getNIn() * c.inputOrder(), c.getNOut() * order, pointwiseShape(c), 'c',
                    views.get(POINTWISE));
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

    private static Map<String, INDArray> split(SeparableGroupConv c, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray row = flat.reshape(flat.length());
        long spatial = length(spatialShape(c));
        long pointwise = length(pointwiseShape(c));
        out.put(SPATIAL, row.get(NDArrayIndex.interval(0, spatial)).reshape('c', spatialShape(c)));
        out.put(POINTWISE, row.get(NDArrayIndex.interval(spatial, spatial + pointwise)).reshape('c',
                pointwiseShape(c)));
        if (c.hasBias()) {
            out.put(BIAS, row.get(NDArrayIndex.interval(spatial + pointwise, spatial + pointwise + c.getNOut())));
        }
        return out;
    }
}

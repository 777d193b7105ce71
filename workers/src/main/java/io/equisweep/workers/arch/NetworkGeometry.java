package io.equisweep.workers.arch;

import io.equisweep.workers.nn.CosetMaxPool;
import io.equisweep.workers.nn.GroupBatchNorm;
import io.equisweep.workers.nn.GroupConvolution;
import io.equisweep.workers.nn.GroupMaxPool;
import io.equisweep.workers.nn.SeparableGroupConv;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * An architecture's {@link LayerGeometry} list, read from the DL4J configuration its {@code configure(...)}
 * builds, so that the exactness verdict is about the network that is trained. The graph is walked in
 * topological order from its input; every vertex carries the spatial map of the last layer with a kernel
 * upstream of it (its first input's, for sums). A {@link GroupConvolution} or {@link SubsamplingLayer}
 * becomes a geometry layer named after its vertex and seeing that map (a {@link SeparableGroupConv} with the
 * costs of its 1×1 and depthwise halves); batch norm, coset pooling, dropout
 * and element-wise sums keep it; global pooling, dense and output layers end it. Any other vertex could change
 * the spatial size unseen, so it stops the derivation with an {@link IllegalStateException}.
 *
 * <p>Kernels, strides, paddings and channels do not depend on the input size: each architecture is configured
 * once, at {@value #DERIVATION_SIZE}×{@value #DERIVATION_SIZE} with one input channel and dropout on (so that
 * every vertex a trained network can have is walked), and its geometry is cached. DL4J's own shape inference
 * at that size is checked against the geometry, vertex by vertex.
 */
public final class NetworkGeometry {
    /** The input size architectures are configured at to read their geometry: any size every layer fits. */
    static final int DERIVATION_SIZE = 256;
    private static final double DERIVATION_DROPOUT = 0.5;
    private static final int DERIVATION_CLASSES = 10;

    /** Layers that take a square window of their input: they set the spatial size. */
    private static final String WINDOWED = "LiftingConv, GroupConv, SeparableGroupConv (any GroupConvolution), "
            + "SubsamplingLayer";
    /** Layers and vertices that keep the spatial size of their (first) input. */
    private static final Set<Class<?>> KEEP_SIZE = Set.of(GroupBatchNorm.class, CosetMaxPool.class, DropoutLayer.class,
            ElementWiseVertex.class);
    /** Layers after which there is no spatial map. */
    private static final Set<Class<?>> END_MAP = Set.of(GlobalPoolingLayer.class, DenseLayer.class, OutputLayer.class);
    /** What a vertex after the spatial map has ended carries. */
    private static final String NO_MAP = "<no spatial map>";

    private static final Map<Architecture, List<LayerGeometry>> CACHE = new ConcurrentHashMap<>();

    private NetworkGeometry() {
    }

    /** The geometry of {@code architecture}'s network, derived on first use and cached. */
    public static List<LayerGeometry> of(Architecture architecture) {
        return CACHE.computeIfAbsent(architecture, NetworkGeometry::derive);
    }

    private static List<LayerGeometry> derive(Architecture architecture) {
        ComputationGraphConfiguration conf;
        try {
            conf = architecture.configure(new NeuralNetConfiguration.Builder(), new Architecture.NetworkShape(
                    DERIVATION_SIZE, 1, DERIVATION_CLASSES, DERIVATION_DROPOUT));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the geometry of " + architecture.name()
                    + ": configuring it at " + DERIVATION_SIZE + "×" + DERIVATION_SIZE + " failed: " + e.getMessage(),
                    e);
        }
        return of(architecture.name(), conf, InputType.convolutional(DERIVATION_SIZE, DERIVATION_SIZE, 1));
    }

    /**
     * The geometry of a built graph with one convolutional input of type {@code input}, in topological order.
     * {@code network} names the graph in error messages.
     */
    public static List<LayerGeometry> of(String network, ComputationGraphConfiguration conf, InputType input) {
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalStateException(network + ": the exactness analysis needs one image input, got "
                    + conf.getNetworkInputs());
        }
        Map<String, InputType> types = conf.getLayerActivationTypes(input);
        Map<String, String> carries = new HashMap<>();
        carries.put(conf.getNetworkInputs().get(0), LayerGeometry.NETWORK_INPUT);
        List<LayerGeometry> layers = new ArrayList<>();
        for (String name : topologicalOrder(network, conf)) {
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            String source = carries.get(inputs.get(0));
            InputType in = types.get(inputs.get(0));
            InputType out = types.get(name);
            Object layerOrVertex = vertex instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : vertex;
            if (layerOrVertex instanceof GroupConvolution || layerOrVertex.getClass() == SubsamplingLayer.class
                    || layerOrVertex instanceof GroupMaxPool) {
                if (source.equals(NO_MAP)) {
                    throw new IllegalStateException(network + ": layer '" + name + "' ("
                            + layerOrVertex.getClass().getSimpleName() + ") comes after the spatial map has ended "
                            + "(global pooling, dense or output layer)");
                }
                requireNoPreProcessor(network, name, vertex);
                LayerGeometry layer = geometry(network, name, (Layer) layerOrVertex, in, source);
                checkSize(network, name, layerOrVertex, in, out, layer.outputSize(spatialSize(network, name, in)));
                layers.add(layer);
                carries.put(name, name);
            } else if (KEEP_SIZE.contains(layerOrVertex.getClass())) {
                requireNoPreProcessor(network, name, vertex);
                for (String other : inputs) {
                    if (carries.get(other).equals(NO_MAP) != source.equals(NO_MAP)) {
                        throw new IllegalStateException(network + ": vertex '" + name + "' combines inputs with and "
                                + "without a spatial map: " + inputs);
                    }
                }
                if (!source.equals(NO_MAP)) {
                    checkSize(network, name, layerOrVertex, in, out, spatialSize(network, name, in));
                }
                carries.put(name, source);
            } else if (END_MAP.contains(layerOrVertex.getClass())) {
                carries.put(name, NO_MAP);
            } else {
                throw new IllegalStateException(network + ": vertex '" + name + "' is a "
                        + layerOrVertex.getClass().getName() + ", which the exactness analysis does not know and "
                        + "which may change the spatial size. Known: windowed " + WINDOWED + "; size-keeping "
                        + simpleNames(KEEP_SIZE) + "; map-ending " + simpleNames(END_MAP) + ". Add it to "
                        + NetworkGeometry.class.getSimpleName() + ".");
            }
        }
        return List.copyOf(layers);
    }

    private static LayerGeometry geometry(String network, String name, Layer layer, InputType in, String source) {
        if (layer instanceof GroupConvolution conv) {
            int inChannels = Math.toIntExact(conv.getNIn() * conv.inputOrder());
            int outChannels = Math.toIntExact(conv.getNOut() * conv.group().order());
            long k2 = (long) conv.kernel() * conv.kernel();
            boolean separable = conv instanceof SeparableGroupConv;
            return new LayerGeometry(name, LayerGeometry.Kind.CONV, conv.kernel(), conv.stride(), conv.padding(),
                    inChannels, outChannels, separable ? k2 : k2 * inChannels,
                    separable ? (long) inChannels * outChannels : 0, source);
        }
        SubsamplingLayer pool = (SubsamplingLayer) layer;
        int[] kernel = pool.getKernelSize();
        int[] stride = pool.getStride();
        int[] padding = pool.getPadding();
        if (kernel[0] != kernel[1] || stride[0] != stride[1] || padding[0] != padding[1]
                || pool.getDilation()[0] != 1 || pool.getDilation()[1] != 1
                || pool.getConvolutionMode() != ConvolutionMode.Truncate) {
            throw new IllegalStateException(network + ": pooling layer '" + name + "' must have a square kernel, "
                    + "stride and padding, no dilation and ConvolutionMode.Truncate (see GroupSpatialPool) for the "
                    + "exactness analysis; got kernel " + Arrays.toString(kernel) + ", stride "
                    + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", dilation "
                    + Arrays.toString(pool.getDilation()) + ", mode " + pool.getConvolutionMode());
        }
        int channels = Math.toIntExact(((InputType.InputTypeConvolutional) in).getChannels());
        return new LayerGeometry(name, LayerGeometry.Kind.POOL, kernel[0], stride[0], padding[0], channels, channels,
                0, 0, source);
    }

    private static void requireNoPreProcessor(String network, String name, GraphVertex vertex) {
        if (vertex instanceof LayerVertex lv && lv.getPreProcessor() != null) {
            throw new IllegalStateException(network + ": layer '" + name + "' reshapes its input with a "
                    + lv.getPreProcessor().getClass().getSimpleName() + "; the exactness analysis cannot follow it");
        }
    }

    /** The side of a square convolutional activation. */
    private static int spatialSize(String network, String name, InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c && c.getHeight() == c.getWidth()) {
            return Math.toIntExact(c.getHeight());
        }
        throw new IllegalStateException(network + ": vertex '" + name + "' reads " + type
                + "; the exactness analysis needs a square convolutional map here");
    }

    /** DL4J's own shape inference must agree with the geometry at the derivation size. */
    private static void checkSize(String network, String name, Object layerOrVertex, InputType in, InputType out,
                                  int expected) {
        if (!(out instanceof InputType.InputTypeConvolutional c) || c.getHeight() != expected
                || c.getWidth() != expected) {
            throw new IllegalStateException(network + ": vertex '" + name + "' ("
                    + layerOrVertex.getClass().getSimpleName() + ") turns " + in + " into " + out
                    + ", but the geometry expects a " + expected + "×" + expected + " map");
        }
    }

    /**
     * The vertices in topological order, breadth first from the input, ties in the order they were added:
     * a ResNet block's projection shortcut on its raw input comes out beside its first conv (shortcut, first
     * conv, second conv).
     */
    static List<String> topologicalOrder(String network, ComputationGraphConfiguration conf) {
        Map<String, List<String>> consumers = new HashMap<>();
        Map<String, Integer> waiting = new LinkedHashMap<>();
        for (String name : conf.getVertices().keySet()) {
            List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
            if (inputs.isEmpty()) {
                throw new IllegalStateException(network + ": vertex '" + name + "' has no inputs");
            }
            for (String input : inputs) {
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(name);
            }
            waiting.put(name, inputs.size());
        }
        Queue<String> ready = new ArrayDeque<>(conf.getNetworkInputs());
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String done = ready.remove();
            if (conf.getVertices().containsKey(done)) {
                order.add(done);
            }
            for (String consumer : consumers.getOrDefault(done, List.of())) {
                if (waiting.merge(consumer, -1, Integer::sum) == 0) {
                    ready.add(consumer);
                }
            }
        }
        if (order.size() != conf.getVertices().size()) {
            waiting.values().removeIf(n -> n == 0);
            throw new IllegalStateException(network + ": vertices " + waiting.keySet()
                    + " are not reachable from the input " + conf.getNetworkInputs() + " (or form a cycle)");
        }
        return order;
    }

    private static String simpleNames(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).sorted().toList().toString();
    }
}

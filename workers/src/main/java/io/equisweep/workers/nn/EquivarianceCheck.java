package io.equisweep.workers.nn;

import io.equisweep.workers.symmetry.Group;
import io.equisweep.workers.symmetry.GroupElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures how far a network's feature maps are from equivariance: for every named layer and every
 * non-identity group element g, compares f(g·x) with g·f(x). Used by the tests and by the per-cell
 * metrics alike; it never prints.
 */
public final class EquivarianceCheck {

    /** How a layer's output transforms under the group. */
    public enum Kind {
        /** Channels {@code c·|G| + g} over a square map (or without spatial axes after global pooling). */
        REGULAR,
        /** Plain channels over a square map (after coset pooling of a map): moves only spatially. */
        SPATIAL,
        /** Should not change at all (after coset pooling, logits of an invariant net). */
        INVARIANT
    }

    /**
     * The error of one layer under one element.
     *
     * @param l1       the paper's error: mean |g·f(x) − f(g·x)|
     * @param relative {@code l1 / mean |f(x)|}
     */
    public record ElementError(String layer, GroupElement element, double l1, double relative) {
    }

    /**
     * Pseudo-vertex: the pre-softmax logits of the graph's output layer (named {@code output}), computed
     * from its input and weights. Softmax outputs saturate (to one-hot vectors, identical for any input)
     * and would hide non-invariant logits.
     */
    public static final String LOGITS = "logits";
    static final String OUTPUT_LAYER = "output";

    private EquivarianceCheck() {
    }

    /**
     * @param input  a batch of ordinary images [B, C, n, n]
     * @param layers the layers to check, in order, with how each transforms
     */
    public static List<ElementError> measure(ComputationGraph net, INDArray input, Group group,
                                             Map<String, Kind> layers) {
        Map<String, INDArray> reference = withLogits(net, net.feedForward(input, false));
        Map<String, float[]> referenceValues = new LinkedHashMap<>();
        for (String layer : layers.keySet()) {
            INDArray fx = reference.get(layer);
            if (fx == null) {
                throw new IllegalArgumentException("network has no layer '" + layer + "'; layers: " + reference.keySet());
            }
            referenceValues.put(layer, FilterExpansion.flat(fx).toFloatVector());
        }
        List<ElementError> errors = new ArrayList<>();
        for (GroupElement g : group.elements()) {
            if (g.isIdentity()) {
                continue;
            }
            Map<String, INDArray> moved = withLogits(net, net.feedForward(transformImages(input, g), false));
            for (Map.Entry<String, Kind> layer : layers.entrySet()) {
                INDArray fx = reference.get(layer.getKey());
                INDArray fgx = moved.get(layer.getKey());
                float[] values = referenceValues.get(layer.getKey());
                float[] expected = switch (layer.getValue()) {
                    case INVARIANT -> values;
                    case SPATIAL -> FilterExpansion.flat(transformImages(fx, g)).toFloatVector();
                    case REGULAR -> actOnMap(group, g, fx.shape(), values);
                };
                float[] actual = FilterExpansion.flat(fgx).toFloatVector();
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < actual.length; i++) {
                    diff += Math.abs(expected[i] - actual[i]);
                    norm += Math.abs(expected[i]);
                }
                double l1 = diff / actual.length;
                errors.add(new ElementError(layer.getKey(), g, l1, norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY)
                        : diff / norm));
            }
        }
        return errors;
    }

    private static Map<String, INDArray> withLogits(ComputationGraph net, Map<String, INDArray> activations) {
        var output = net.getVertex(OUTPUT_LAYER);
        if (output != null && output.hasLayer() && output.getInputVertices() != null) {
            String input = net.getVertices()[output.getInputVertices()[0].getVertexIndex()].getVertexName();
            var layer = output.getLayer();
            INDArray logits = activations.get(input).mmul(layer.getParam("W")).addiRowVector(layer.getParam("b"));
            Map<String, INDArray> all = new LinkedHashMap<>(activations);
            all.put(LOGITS, logits);
            return all;
        }
        return activations;
    }

    /** The largest relative error per layer, in the order given. */
    public static Map<String, Double> worstByLayer(List<ElementError> errors) {
        Map<String, Double> worst = new LinkedHashMap<>();
        for (ElementError e : errors) {
            worst.merge(e.layer(), e.relative(), Math::max);
        }
        return worst;
    }

    /** g applied to every plane of a batch of ordinary images [B, C, n, n]. */
    public static INDArray transformImages(INDArray images, GroupElement g) {
        long[] shape = images.shape();
        int n = (int) shape[3];
        float[] src = FilterExpansion.flat(images).toFloatVector();
        float[] dst = new float[src.length];
        g.apply(src, 0, dst, 0, (int) (shape[0] * shape[1]), n);
        return Nd4j.create(dst, shape, 'c').castTo(images.dataType());
    }

    /** g acting on a feature map over the group: [B, F·|G|, n, n] or, spatially pooled, [B, F·|G|]. */
    static float[] actOnMap(Group group, GroupElement g, long[] shape, float[] values) {
        int batch = (int) shape[0];
        int fields = (int) (shape[1] / group.order());
        int n = shape.length == 4 ? (int) shape[3] : 1;
        return group.act(g, values, batch, fields, n);
    }
}

package io.equisweep.workers.arch;

import io.equisweep.workers.symmetry.Group;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/** A network family from the registry, parameterised by input size, channels and classes. */
public interface Architecture {

    /** The name used in sweep specs, e.g. {@code z2cnn}. */
    String name();

    /** The group the network is equivariant to (C1 for ordinary CNNs). */
    Group group();

    /**
     * The layers that set the spatial size, in order, for exactness analysis and cost estimates (one input
     * channel): read from the network {@link #configure} builds, once per architecture ({@link NetworkGeometry}).
     */
    default List<LayerGeometry> layers() {
        return NetworkGeometry.of(this);
    }

    /**
     * Adds this architecture's layers to {@code base} (which carries seed, updater, regularisation
     * and data type). The graph has one input {@value #INPUT} and one softmax output {@value #OUTPUT}.
     */
    ComputationGraphConfiguration configure(NeuralNetConfiguration.Builder base, NetworkShape shape);

    /**
     * Trainable parameters for {@code channels} input channels and {@code classes} classes, from the
     * configuration alone (no arrays are allocated).
     */
    default long parameterCount(int channels, int classes) {
        ComputationGraphConfiguration conf = configure(new NeuralNetConfiguration.Builder(),
                new NetworkShape(ExactnessAnalysis.minimumInputSize(layers()), channels, classes, 0));
        long total = 0;
        for (var vertex : conf.getVertices().values()) {
            if (vertex instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                var layer = lv.getLayerConf().getLayer();
                total += layer.initializer().numParams(layer) - ParameterCount.runningStatistics(layer);
            }
        }
        return total;
    }

    /**
     * Where equivariance is measured, in depth order: each probe names a graph vertex, how its output
     * transforms, and the geometry layer it follows (so the analysis tells whether it should be exact).
     * Empty for networks over C1.
     */
    List<Probe> probes();

    /** A point of the network where equivariance is measured. */
    record Probe(String vertex, io.equisweep.workers.nn.EquivarianceCheck.Kind kind, String afterLayer) {
    }

    String INPUT = "input";
    String OUTPUT = "output";

    /** The data-dependent part of a network's shape, plus the dropout rate (0 = none). */
    record NetworkShape(int inputSize, int channels, int classes, double dropout) {
    }
}

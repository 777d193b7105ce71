package io.equisweep.workers.arch;

import io.equisweep.workers.nn.CosetMaxPool;
import io.equisweep.workers.nn.EquivarianceCheck;
import io.equisweep.workers.nn.EquivarianceCheck.Kind;
import io.equisweep.workers.nn.GroupBatchNorm;
import io.equisweep.workers.nn.GroupConv;
import io.equisweep.workers.nn.GroupSpatialPool;
import io.equisweep.workers.nn.LiftingConv;
import io.equisweep.workers.symmetry.Group;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's MNIST network in Cohen &amp; Welling's P4CNN layout, over any of the three groups:
 * lifting 3×3 (pad 1) → BN → ReLU → dropout → group conv 3×3 (pad 1) → BN → ReLU → 2×2/2 max pool →
 * 4 × [group conv 3×3 (pad 1) → BN → ReLU], dropout after the 2nd and 4th → group conv 4×4 (no pad) →
 * BN → ReLU → global average pool → coset max pool → dense → softmax. Batch norm keeps one statistic
 * per field. With the convolutions padded, the pool sees the input size n: even n is exact, odd n is not.
 * Each BN→ReLU(→dropout) run is one {@link GroupBatchNorm} with the ReLU and dropout fused, named {@code relu<i>}.
 *
 * <p>Trainable parameters at one input channel: z2cnn (C1, 20 fields) 25,210; p4cnn (C4, 10) 24,810;
 * p4mcnn (D4, 7, the integer width closest to p4cnn's count) 24,202; at three channels +180 / +180 / +126.
 */
public final class MnistGCnn implements Architecture {
    private final String name;
    private final Group group;
    private final int width;

    public MnistGCnn(String name, Group group, int width) {
        this.name = name;
        this.group = group;
        this.width = width;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Group group() {
        return group;
    }

    public int width() {
        return width;
    }

    /** After every block, then the pooled features, the coset-pooled features and the logits. */
    @Override
    public List<Probe> probes() {
        if (group.order() == 1) {
            return List.of();
        }
        List<Probe> probes = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            probes.add(new Probe("relu" + i, Kind.REGULAR, "conv" + i));
        }
        probes.add(new Probe("gap", Kind.REGULAR, "conv7"));
        probes.add(new Probe("coset", Kind.INVARIANT, "conv7"));
        probes.add(new Probe(EquivarianceCheck.LOGITS, Kind.INVARIANT, "conv7"));
        return probes;
    }

    @Override
    public ComputationGraphConfiguration configure(NeuralNetConfiguration.Builder base, NetworkShape shape) {
        var graph = base.graphBuilder().addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.inputSize(), shape.inputSize(), shape.channels()));
        Chain chain = new Chain(graph);
        chain.block("1", new LiftingConv.Builder().group(group).nOut(width).kernel(3).padding(1).networkInput(true)
                .build(), shape.dropout());
        chain.block("2", conv(3, 1), 0);
        chain.add("pool", GroupSpatialPool.max(2, 2, 0));
        for (int i = 3; i <= 6; i++) {
            chain.block(Integer.toString(i), conv(3, 1), i % 2 == 0 ? shape.dropout() : 0);
        }
        chain.block("7", conv(4, 0), 0);
        chain.add("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        if (group.order() > 1) {
            chain.add("coset", new CosetMaxPool(group));
        }
        chain.add(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .activation(Activation.SOFTMAX).nOut(shape.classes()).build());
        return graph.setOutputs(OUTPUT).build();
    }

    private GroupConv conv(int kernel, int padding) {
        return new GroupConv.Builder().group(group).nOut(width).kernel(kernel).padding(padding).build();
    }

    /** Appends layers one after another. */
    private final class Chain {
        private final ComputationGraphConfiguration.GraphBuilder graph;
        private String last = INPUT;

        Chain(ComputationGraphConfiguration.GraphBuilder graph) {
            this.graph = graph;
        }

        void add(String name, Layer layer) {
            graph.addLayer(name, layer, last);
            last = name;
        }

        void block(String suffix, Layer conv, double dropout) {
            add("conv" + suffix, conv);
            add("relu" + suffix, new GroupBatchNorm.Builder(group).activation(Activation.RELU).dropout(dropout).build());
        }
    }
}

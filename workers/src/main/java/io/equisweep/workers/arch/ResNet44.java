package io.equisweep.workers.arch;

import io.equisweep.workers.nn.CosetMaxPool;
import io.equisweep.workers.nn.EquivarianceCheck;
import io.equisweep.workers.nn.EquivarianceCheck.Kind;
import io.equisweep.workers.nn.GroupBatchNorm;
import io.equisweep.workers.nn.GroupConvKind;
import io.equisweep.workers.nn.GroupConvolution;
import io.equisweep.workers.nn.LiftingConv;
import io.equisweep.workers.symmetry.Group;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Pre-activation ResNet-44 for CIFAR over any of the three groups: a 3×3 stride-1 lifting stem, three
 * stages of 7 basic blocks [BN → ReLU → 3×3 conv → BN → ReLU → 3×3 conv] + shortcut, widths w, 2w, 4w
 * fields and strides 1, 2, 2 (the downsampling block's first conv is 3×3 stride 2 pad 1, its shortcut a
 * 1×1 stride-2 conv with batch norm on the pre-activated input), then BN → ReLU → global average pool →
 * dense. Convolutions have no bias. These choices reproduce the paper's parameter counts exactly:
 * 2,636,458 (z2, w 32), 2,633,946 (p4, 16) and 2,962,726 (p4m, 12) at 3 input channels and 10 classes,
 * which also shows that its classifier reads all |G| channels of every field: without {@code cosetPool}
 * the logits are not invariant even at exact sizes. Each stride-2 stage needs an odd input: n ≡ 1 (mod 4)
 * is exact (33), others not (32).
 *
 * <p>With {@link GroupConvKind#SEPARABLE} the 3×3 convolutions of the blocks are group and channel separable
 * ({@link io.equisweep.workers.nn.SeparableGroupConv}) as in the paper's "gc" networks, whose code keeps the
 * lifting stem and the 1×1 shortcuts full and widens the network to keep the parameter count: widths 47 (p4) and
 * 35 (p4m) give 2,657,907 and 2,931,575 parameters at 3 input channels and 10 classes. The geometry, and so the
 * exactness analysis, is the same as with full convolutions.
 */
public final class ResNet44 implements Architecture {
    static final int BLOCKS_PER_STAGE = 7;

    private final String name;
    private final Group group;
    private final int width;
    private final boolean cosetPool;
    private final GroupConvKind blockConvs;

    public ResNet44(String name, Group group, int width, boolean cosetPool) {
        this(name, group, width, cosetPool, GroupConvKind.FULL);
    }

    /** @param blockConvs the layer of the blocks' 3×3 convolutions (stem and shortcuts are always full) */
    public ResNet44(String name, Group group, int width, boolean cosetPool, GroupConvKind blockConvs) {
        this.name = name;
        this.group = group;
        this.width = width;
        this.cosetPool = cosetPool;
        this.blockConvs = blockConvs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Group group() {
        return group;
    }

    public boolean cosetPool() {
        return cosetPool;
    }

    private int fields(int stage) {
        return width << stage;
    }

    static String blockId(int stage, int block) {
        return "s" + (stage + 1) + "b" + (block + 1);
    }

    /**
     * The stem, the end of each stage and the pooled features; with coset pooling also the invariant
     * features and logits (without it the logits are not expected to be invariant).
     */
    @Override
    public List<Probe> probes() {
        if (group.order() == 1) {
            return List.of();
        }
        List<Probe> probes = new ArrayList<>(List.of(new Probe("stem", Kind.REGULAR, "stem")));
        for (int stage = 0; stage < 3; stage++) {
            String last = blockId(stage, BLOCKS_PER_STAGE - 1);
            probes.add(new Probe(last + "_add", Kind.REGULAR, last + "_conv2"));
        }
        String end = blockId(2, BLOCKS_PER_STAGE - 1) + "_conv2";
        probes.add(new Probe("gap", Kind.REGULAR, end));
        if (cosetPool) {
            probes.add(new Probe("coset", Kind.INVARIANT, end));
            probes.add(new Probe(EquivarianceCheck.LOGITS, Kind.INVARIANT, end));
        }
        return probes;
    }

    @Override
    public ComputationGraphConfiguration configure(NeuralNetConfiguration.Builder base, NetworkShape shape) {
        var graph = base.graphBuilder().addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.inputSize(), shape.inputSize(), shape.channels()));
        graph.addLayer("stem", new LiftingConv.Builder().group(group).nOut(width).kernel(3).padding(1)
                .hasBias(false).build(), INPUT);
        String last = "stem";
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
                last = block(graph, blockId(stage, block), last, fields(stage), block == 0 && stage > 0 ? 2 : 1,
                        block == 0 && stage > 0);
            }
        }
        graph.addLayer("head_relu", bnRelu(), last);
        graph.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "head_relu");
        String features = "gap";
        if (cosetPool && group.order() > 1) {
            graph.addLayer("coset", new CosetMaxPool(group), "gap");
            features = "coset";
        }
        graph.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .activation(Activation.SOFTMAX).nOut(shape.classes()).build(), features);
        return graph.setOutputs(OUTPUT).build();
    }

    private String block(ComputationGraphConfiguration.GraphBuilder graph, String id, String input, int fields,
                         int stride, boolean projection) {
        graph.addLayer(id + "_relu1", bnRelu(), input);
        graph.addLayer(id + "_conv1", conv(blockConvs, fields, 3, stride, 1), id + "_relu1");
        graph.addLayer(id + "_relu2", bnRelu(), id + "_conv1");
        graph.addLayer(id + "_conv2", conv(blockConvs, fields, 3, 1, 1), id + "_relu2");
        String shortcut = input;
        if (projection) {
            graph.addLayer(id + "_shortcut", conv(GroupConvKind.FULL, fields, 1, stride, 0), id + "_relu1");
            graph.addLayer(id + "_shortcut_bn", new GroupBatchNorm.Builder(group).build(), id + "_shortcut");
            shortcut = id + "_shortcut_bn";
        }
        graph.addVertex(id + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), id + "_conv2", shortcut);
        return id + "_add";
    }

    private GroupConvolution conv(GroupConvKind kind, int fields, int kernel, int stride, int padding) {
        return kind.builder().group(group).nOut(fields).kernel(kernel).stride(stride).padding(padding)
                .hasBias(false).build();
    }

    /** Batch norm with the ReLU fused, named {@code *_relu*} after its output. */
    private GroupBatchNorm bnRelu() {
        return new GroupBatchNorm.Builder(group).activation(Activation.RELU).build();
    }
}

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
 * The paper's pre-activation ResNets as its code builds them for CIFAR, Flowers-102, ImageNet and PCam, over
 * any of the three groups: a 3×3 stride-1 pad-1 lifting stem (no batch norm after it), stages of basic blocks
 * [BN → ReLU → 3×3 conv → BN → ReLU → 3×3 conv] + shortcut, then BN → ReLU → a {@link Head} → dense.
 * A stage's first block carries its stride on its first conv (3×3, pad 1); where the stride or width changes,
 * the shortcut is a 1×1 conv with that stride on the block's raw input, then batch norm. Convolutions have no
 * bias; batch norm keeps one statistic per field. Vertices are {@code stem}, {@code s<i>b<j>_relu1},
 * {@code _conv1}, {@code _relu2}, {@code _conv2}, {@code _shortcut}, {@code _shortcut_bn}, {@code _add}, then
 * {@code head_relu}, {@code gap}, {@code coset}.
 *
 * <p>With {@link GroupConvKind#SEPARABLE} the blocks' 3×3 convolutions are group and channel separable
 * ({@link io.equisweep.workers.nn.SeparableGroupConv}), as in the paper's "gc" networks, whose code keeps the
 * lifting stem and the 1×1 shortcuts full; geometry, and so exactness, are those of full convolutions.
 *
 * <p>Every stride-2 stage needs an odd input: with k stride-2 stages, n ≡ 1 (mod 2^k) is exact.
 */
public final class PreActResNet implements Architecture {

    /** {@code blocks} basic blocks of {@code fields} fields; the first has stride {@code stride}. */
    public record Stage(int blocks, int fields, int stride) {
        public Stage {
            if (blocks < 1 || fields < 1 || stride < 1) {
                throw new IllegalArgumentException("a stage needs at least one block, one field and stride ≥ 1; got "
                        + blocks + " blocks, " + fields + " fields, stride " + stride);
            }
        }
    }

    /** What the classifier reads after the final BN → ReLU. */
    public enum Head {
        /** Global average pool of every channel c·|G| + g: the logits are not invariant even at exact sizes. */
        ALL_CHANNELS,
        /** Max over the group axis at every pixel, then global average pool (the classification code's option). */
        COSET_POOL_THEN_AVERAGE,
        /** Global average pool, then max over the group axis (the PCam code). */
        AVERAGE_THEN_COSET_POOL
    }

    private final String name;
    private final Group group;
    private final List<Stage> stages;
    private final Head head;
    private final GroupConvKind blockConvs;

    public PreActResNet(String name, Group group, List<Stage> stages, Head head) {
        this(name, group, stages, head, GroupConvKind.FULL);
    }

    /** @param blockConvs the layer of the blocks' 3×3 convolutions (the stem and 1×1 shortcuts are always full) */
    public PreActResNet(String name, Group group, List<Stage> stages, Head head, GroupConvKind blockConvs) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException(name + ": a ResNet needs at least one stage");
        }
        if (group.order() == 1 && head != Head.ALL_CHANNELS) {
            throw new IllegalArgumentException(name + ": coset pooling needs a group larger than C1, got head " + head);
        }
        this.name = name;
        this.group = group;
        this.stages = List.copyOf(stages);
        this.head = head;
        this.blockConvs = blockConvs;
    }

    /**
     * The paper's ResNet-18 ({@code resnet18}, {@code p4resnet18}, {@code p4mresnet18} in its code): two blocks in
     * each of four stages of width, 2·width, 4·width and 8·width fields with strides 1, 2, 2, 2.
     */
    public static PreActResNet resNet18(String name, Group group, int width, Head head) {
        return resNet18(name, group, width, head, GroupConvKind.FULL);
    }

    /** The same with the given block convolutions ({@code gcp4resnet18}, {@code gcp4mresnet18}: separable). */
    public static PreActResNet resNet18(String name, Group group, int width, Head head, GroupConvKind blockConvs) {
        List<Stage> stages = new ArrayList<>();
        for (int stage = 0; stage < 4; stage++) {
            stages.add(new Stage(2, width << stage, stage == 0 ? 1 : 2));
        }
        return new PreActResNet(name, group, stages, head, blockConvs);
    }

    /**
     * The paper's CIFAR ResNet-44 ({@code resnet44}, {@code p4resnet44}, {@code gcp4resnet44}, … in its code): three
     * stages of seven blocks of width, 2·width and 4·width fields, strides 1, 2, 2.
     */
    public static PreActResNet resNet44(String name, Group group, int width, Head head, GroupConvKind blockConvs) {
        return new PreActResNet(name, group, resNet44Stages(width, 2 * width, 4 * width), head, blockConvs);
    }

    /** A ResNet-44 with the given fields in its three stages of seven blocks, strides 1, 2, 2 (the PCam nets). */
    public static PreActResNet resNet44(String name, Group group, int fields1, int fields2, int fields3, Head head) {
        return new PreActResNet(name, group, resNet44Stages(fields1, fields2, fields3), head);
    }

    private static List<Stage> resNet44Stages(int fields1, int fields2, int fields3) {
        return List.of(new Stage(7, fields1, 1), new Stage(7, fields2, 2), new Stage(7, fields3, 2));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Group group() {
        return group;
    }

    public List<Stage> stages() {
        return stages;
    }

    public Head head() {
        return head;
    }

    public GroupConvKind blockConvs() {
        return blockConvs;
    }

    static String blockId(int stage, int block) {
        return "s" + (stage + 1) + "b" + (block + 1);
    }

    private String lastConv() {
        return blockId(stages.size() - 1, stages.get(stages.size() - 1).blocks() - 1) + "_conv2";
    }

    /**
     * The stem and the end of each stage (the PCam code's depths 0–3 for a ResNet-44), then the head: the pooled
     * features, and with coset pooling the pooled map or features and the logits, which should be invariant.
     */
    @Override
    public List<Probe> probes() {
        if (group.order() == 1) {
            return List.of();
        }
        List<Probe> probes = new ArrayList<>(List.of(new Probe("stem", Kind.REGULAR, "stem")));
        for (int stage = 0; stage < stages.size(); stage++) {
            String last = blockId(stage, stages.get(stage).blocks() - 1);
            probes.add(new Probe(last + "_add", Kind.REGULAR, last + "_conv2"));
        }
        String end = lastConv();
        switch (head) {
            case ALL_CHANNELS -> probes.add(new Probe("gap", Kind.REGULAR, end));
            case COSET_POOL_THEN_AVERAGE -> {
                probes.add(new Probe("coset", Kind.SPATIAL, end));
                probes.add(new Probe("gap", Kind.INVARIANT, end));
                probes.add(new Probe(EquivarianceCheck.LOGITS, Kind.INVARIANT, end));
            }
            case AVERAGE_THEN_COSET_POOL -> {
                probes.add(new Probe("gap", Kind.REGULAR, end));
                probes.add(new Probe("coset", Kind.INVARIANT, end));
                probes.add(new Probe(EquivarianceCheck.LOGITS, Kind.INVARIANT, end));
            }
        }
        return probes;
    }

    @Override
    public ComputationGraphConfiguration configure(NeuralNetConfiguration.Builder base, NetworkShape shape) {
        var graph = base.graphBuilder().addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.inputSize(), shape.inputSize(), shape.channels()));
        int fields = stages.get(0).fields();
        graph.addLayer("stem", new LiftingConv.Builder().group(group).nOut(fields).kernel(3).padding(1)
                .hasBias(false).networkInput(true).build(), INPUT);
        String last = "stem";
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            for (int block = 0; block < stage.blocks(); block++) {
                int stride = block == 0 ? stage.stride() : 1;
                boolean projection = stride != 1 || fields != stage.fields();
                last = block(graph, blockId(s, block), last, stage.fields(), stride, projection);
                fields = stage.fields();
            }
        }
        graph.addLayer("head_relu", bnRelu(), last);
        String features = switch (head) {
            case ALL_CHANNELS -> {
                graph.addLayer("gap", averagePool(), "head_relu");
                yield "gap";
            }
            case COSET_POOL_THEN_AVERAGE -> {
                graph.addLayer("coset", new CosetMaxPool(group), "head_relu");
                graph.addLayer("gap", averagePool(), "coset");
                yield "gap";
            }
            case AVERAGE_THEN_COSET_POOL -> {
                graph.addLayer("gap", averagePool(), "head_relu");
                graph.addLayer("coset", new CosetMaxPool(group), "gap");
                yield "coset";
            }
        };
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
            graph.addLayer(id + "_shortcut", conv(GroupConvKind.FULL, fields, 1, stride, 0), input);
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

    private static GlobalPoolingLayer averagePool() {
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
    }

    /** Batch norm with the ReLU fused, named {@code *_relu*} after its output. */
    private GroupBatchNorm bnRelu() {
        return new GroupBatchNorm.Builder(group).activation(Activation.RELU).build();
    }
}

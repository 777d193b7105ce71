package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.equisweep.workers.arch.PreActResNet.Head;
import io.equisweep.workers.arch.PreActResNet.Stage;
import io.equisweep.workers.nn.EquivarianceCheck;
import io.equisweep.workers.nn.EquivarianceCheck.Kind;
import io.equisweep.workers.nn.GroupBatchNorm;
import io.equisweep.workers.nn.GroupConv;
import io.equisweep.workers.nn.GroupConvolution;
import io.equisweep.workers.nn.LiftingConv;
import io.equisweep.workers.nn.SeparableGroupConv;
import io.equisweep.workers.nn.TestNets;
import io.equisweep.workers.symmetry.Group;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class PreActResNetTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet44-p4-pcam", "resnet44-z2", "resnet44-p4m-cosetpool", "resnet44-p4-gc"})
    void aProjectionShortcutReadsTheBlocksRawInputNotItsPreActivation(String name) {
        ComputationGraphConfiguration conf = Architectures.get(name).configure(
                new NeuralNetConfiguration.Builder(), new Architecture.NetworkShape(33, 3, 2, 0));
        assertThat(conf.getVertexInputs().get("s2b1_shortcut")).containsExactly("s1b7_add");
        assertThat(conf.getVertexInputs().get("s2b1_conv1")).containsExactly("s2b1_relu1");
        assertThat(conf.getVertexInputs().get("s2b1_relu1")).containsExactly("s1b7_add");
        // Stage 1 keeps its width and stride: an identity shortcut.
        assertThat(conf.getVertices()).doesNotContainKey("s1b1_shortcut");
    }

    /** The official gc nets replace only the blocks' 3×3 convolutions; the stem and the 1×1 shortcuts stay full. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet44-p4-gc", "resnet44-p4m-gc", "resnet18-p4-gc", "resnet18-p4m-gc"})
    void gcNetsSeparateOnlyTheBlocksConvolutions(String name) {
        ComputationGraphConfiguration conf = Architectures.get(name).configure(
                new NeuralNetConfiguration.Builder(), new Architecture.NetworkShape(33, 3, 10, 0));
        conf.getVertices().forEach((vertex, v) -> {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof GroupConvolution conv) {
                boolean blockConv = vertex.endsWith("_conv1") || vertex.endsWith("_conv2");
                Class<?> expected = blockConv ? SeparableGroupConv.class
                        : vertex.equals("stem") ? LiftingConv.class : GroupConv.class;
                assertThat(conv).as(vertex).isInstanceOf(expected);
            }
        });
        assertThat(conf.getVertices()).containsKeys("s2b1_shortcut", "s1b1_conv1");
    }

    @Test
    void thePCamCodesCosetPoolComesAfterTheAveragePool() {
        ComputationGraphConfiguration conf = Architectures.get("resnet44-p4-pcam").configure(
                new NeuralNetConfiguration.Builder(), new Architecture.NetworkShape(97, 3, 2, 0));
        assertThat(conf.getVertexInputs().get("output")).containsExactly("coset");
        assertThat(conf.getVertexInputs().get("coset")).containsExactly("gap");
        assertThat(conf.getVertexInputs().get("gap")).containsExactly("head_relu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18-p4m-cosetpool", "resnet44-p4-cosetpool", "resnet44-p4m-cosetpool"})
    void theClassificationCodesCosetPoolComesBeforeTheAveragePool(String name) {
        ComputationGraphConfiguration conf = Architectures.get(name).configure(
                new NeuralNetConfiguration.Builder(), new Architecture.NetworkShape(33, 3, 10, 0));
        assertThat(conf.getVertexInputs().get("coset")).containsExactly("head_relu");
        assertThat(conf.getVertexInputs().get("gap")).containsExactly("coset");
        assertThat(conf.getVertexInputs().get("output")).containsExactly("gap");
    }

    @Test
    void probesFollowTheHead() {
        assertThat(Architectures.get("resnet18-p4").probes()).extracting(Architecture.Probe::vertex, Architecture.Probe::kind)
                .containsExactly(tuple("stem", Kind.REGULAR),
                        tuple("s1b2_add", Kind.REGULAR),
                        tuple("s2b2_add", Kind.REGULAR),
                        tuple("s3b2_add", Kind.REGULAR),
                        tuple("s4b2_add", Kind.REGULAR),
                        tuple("gap", Kind.REGULAR));
        assertThat(Architectures.get("resnet18-p4-cosetpool").probes()).extracting(Architecture.Probe::vertex)
                .endsWith("s4b2_add", "coset", "gap", EquivarianceCheck.LOGITS);
        // The PCam code's depths 0–3 (stem and the three stages), then the invariant head.
        assertThat(Architectures.get("resnet44-p4-pcam").probes()).extracting(Architecture.Probe::vertex)
                .containsExactly("stem", "s1b7_add", "s2b7_add", "s3b7_add", "gap", "coset", EquivarianceCheck.LOGITS);
        assertThat(Architectures.get("resnet44-p4-pcam").probes()).extracting(Architecture.Probe::afterLayer)
                .containsOnly("stem", "s1b7_conv2", "s2b7_conv2", "s3b7_conv2");
        assertThat(Architectures.get("resnet18-z2").probes()).isEmpty();
    }

    @Test
    void badLayoutsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new PreActResNet("empty", Group.C4, List.of(), Head.ALL_CHANNELS))
                .hasMessage("empty: a ResNet needs at least one stage");
        assertThatThrownBy(() -> PreActResNet.resNet18("z2-pooled", Group.C1, 8, Head.AVERAGE_THEN_COSET_POOL))
                .hasMessage("z2-pooled: coset pooling needs a group larger than C1, got head AVERAGE_THEN_COSET_POOL");
        assertThatThrownBy(() -> new Stage(0, 4, 1))
                .hasMessage("a stage needs at least one block, one field and stride ≥ 1; got 0 blocks, 4 fields, stride 1");
    }

    /**
     * A two-stage network of the same layout (stem, an identity block, a stride-2 block with a projection shortcut,
     * each head) in double precision: its gradients match finite differences. DL4J checks every parameter of a
     * graph, so the network is kept tiny.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"C1, ALL_CHANNELS", "C4, ALL_CHANNELS", "D4, COSET_POOL_THEN_AVERAGE", "C4, AVERAGE_THEN_COSET_POOL"})
    void gradientsOfAWholeNetworkMatchFiniteDifferences(Group group, Head head) {
        Architecture arch = new PreActResNet("tiny", group, List.of(new Stage(1, 1, 1), new Stage(1, 2, 2)), head);
        ComputationGraphConfiguration conf = arch.configure(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.NORMAL).updater(new NoOp()),
                new Architecture.NetworkShape(5, 2, 3, 0));
        assertThat(conf.getVertices()).containsKeys("s2b1_shortcut", "s2b1_shortcut_bn");
        Set<String> runningStatistics = new HashSet<>();
        conf.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof GroupBatchNorm) {
                runningStatistics.addAll(List.of(name + "_mean", name + "_var"));
            }
        });
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 5, 5);
        INDArray y = Nd4j.eye(3).castTo(DataType.DOUBLE);
        assertThat(TestNets.gradientCheck(net, x, y, runningStatistics)).isTrue();
    }
}

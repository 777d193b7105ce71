package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.equisweep.workers.nn.GroupConvKind;
import io.equisweep.workers.nn.GroupSpatialPool;
import io.equisweep.workers.nn.LiftingConv;
import io.equisweep.workers.symmetry.Group;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The geometry is read from the network that is trained. For every shipped architecture it gives, at every
 * input size, exactly the verdicts and costs of the hand-written lists sweeps have used so far
 * ({@link HandWrittenGeometry}): the names stored in result tables, the sizes, the problem messages, the
 * probes' expectations and the cost model's multiply-adds. A network changed after it was built changes the
 * verdict, and a layer the analysis does not know stops it.
 */
class NetworkGeometryTest {
    private static final int LARGEST_SIZE = 70;

    static List<String> architectures() {
        return Architectures.names();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void hasTheHandWrittenLayersInTheirOrder(String name) {
        List<Tuple> expected = HandWrittenGeometry.of(name).stream()
                .map(l -> tuple(l.name(), l.kernel(), l.stride(), l.padding(), l.inChannels(), l.outChannels(),
                        l.weightsPerOutput(), l.mixPerInput()))
                .toList();
        assertThat(Architectures.get(name).layers())
                .extracting(LayerGeometry::name, LayerGeometry::kernel, LayerGeometry::stride, LayerGeometry::padding,
                        LayerGeometry::inChannels, LayerGeometry::outChannels, LayerGeometry::weightsPerOutput,
                        LayerGeometry::multiplyAddsPerInput)
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void givesTheHandWrittenVerdictAndCostAtEverySize(String name) {
        Architecture arch = Architectures.get(name);
        List<HandWrittenGeometry.Layer> oracle = HandWrittenGeometry.of(name);
        List<LayerGeometry> layers = arch.layers();
        int minimum = HandWrittenGeometry.minimumInputSize(oracle);
        assertThat(ExactnessAnalysis.minimumInputSize(layers)).isEqualTo(minimum);
        boolean[] seen = new boolean[3];   // invalid, inexact, exact: the sizes cover every verdict there is
        for (int n = 1; n <= LARGEST_SIZE; n++) {
            ExactnessReport expected = HandWrittenGeometry.analyse(name, oracle, n);
            ExactnessReport report = ExactnessAnalysis.analyse(arch, n);
            assertThat(report).as("%s at %d", name, n).isEqualTo(expected);
            assertThat(ExactnessAnalysis.forwardMultiplyAdds(layers, n)).as("%s multiply-adds at %d", name, n)
                    .isEqualTo(HandWrittenGeometry.forwardMultiplyAdds(oracle, n));
            for (Architecture.Probe probe : arch.probes()) {
                assertThat(report.exactThrough(layers, probe.afterLayer()))
                        .as("%s at %d: exact through %s", name, n, probe.afterLayer())
                        .isEqualTo(HandWrittenGeometry.exactThrough(expected, oracle, probe.afterLayer()));
            }
            seen[!report.valid() ? 0 : report.exact() ? 2 : 1] = true;
        }
        assertThat(seen).as("%s: sizes 1..%d give invalid (below %d), inexact and exact verdicts", name, LARGEST_SIZE,
                minimum).containsExactly(minimum > 1, true, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet44-z2", "resnet44-p4m", "resnet44-p4-cosetpool", "resnet44-p4m-gc"})
    void resNet44ShortcutsSeeTheirBlocksRawInputAsTheOfficialCodes(String name) {
        List<LayerGeometry> layers = Architectures.get(name).layers();
        List<LayerGeometry> shortcuts = layers.stream().filter(l -> l.name().endsWith("_shortcut")).toList();
        assertThat(shortcuts).extracting(LayerGeometry::name).containsExactly("s2b1_shortcut", "s3b1_shortcut");
        assertThat(shortcuts).extracting(LayerGeometry::input).containsExactly("s1b7_conv2", "s2b7_conv2");
        assertThat(layers).filteredOn(l -> l.name().startsWith("s2b1_"))
                .extracting(LayerGeometry::name, LayerGeometry::input)
                .containsExactly(tuple("s2b1_shortcut", "s1b7_conv2"), tuple("s2b1_conv1", "s1b7_conv2"),
                        tuple("s2b1_conv2", "s2b1_conv1"));
        ExactnessReport at32 = ExactnessAnalysis.analyse(Architectures.get(name), 32);
        assertThat(at32.breakingLayer()).isEqualTo("s2b1_shortcut");
        assertThat(ExactnessAnalysis.analyse(Architectures.get(name), 33).exact()).isTrue();
    }

    @Test
    void theOfficialCodesShortcutsSeeTheirBlocksRawInputBeforeItsFirstConvolution() {
        List<LayerGeometry> layers = Architectures.get("resnet18-p4m").layers();
        assertThat(layers).filteredOn(l -> l.name().startsWith("s2b1_") || l.name().startsWith("s1b2_conv2"))
                .extracting(LayerGeometry::name, LayerGeometry::input)
                .containsExactly(tuple("s1b2_conv2", "s1b2_conv1"), tuple("s2b1_shortcut", "s1b2_conv2"),
                        tuple("s2b1_conv1", "s1b2_conv2"), tuple("s2b1_conv2", "s2b1_conv1"));
        assertThat(ExactnessAnalysis.analyse(Architectures.get("resnet18-p4m"), 32).breakingLayer())
                .isEqualTo("s2b1_shortcut");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet44-p4-gc", "resnet44-p4m-gc", "resnet18-p4-gc", "resnet18-p4m-gc"})
    void separableBlocksKeepTheGeometryAndVerdictsOfFullOnesAtANinthOfTheCost(String name) {
        PreActResNet gc = (PreActResNet) Architectures.get(name);
        assertThat(gc.blockConvs()).isEqualTo(GroupConvKind.SEPARABLE);
        Architecture full = new PreActResNet(name, gc.group(), gc.stages(), gc.head(), GroupConvKind.FULL);
        assertThat(gc.layers()).extracting(LayerGeometry::name, LayerGeometry::kernel, LayerGeometry::stride,
                        LayerGeometry::padding, LayerGeometry::inChannels, LayerGeometry::outChannels, LayerGeometry::input)
                .containsExactlyElementsOf(full.layers().stream().map(l -> tuple(l.name(), l.kernel(), l.stride(),
                        l.padding(), l.inChannels(), l.outChannels(), l.input())).toList());
        for (int n = 1; n <= LARGEST_SIZE; n++) {
            assertThat(ExactnessAnalysis.analyse(gc, n)).as("%s at %d", name, n)
                    .isEqualTo(ExactnessAnalysis.analyse(full, n));
        }
        double ratio = (double) ExactnessAnalysis.forwardMultiplyAdds(gc.layers(), 33)
                / ExactnessAnalysis.forwardMultiplyAdds(full.layers(), 33);
        assertThat(ratio).as("%s multiply-adds against full blocks", name).isBetween(0.1, 0.2);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void doesNotDependOnTheSizeOrDropoutTheNetworkIsBuiltWith(String name) {
        Architecture arch = Architectures.get(name);
        for (int size : new int[] {33, 97}) {
            for (double dropout : new double[] {0, 0.3}) {
                ComputationGraphConfiguration conf = arch.configure(new NeuralNetConfiguration.Builder(),
                        new Architecture.NetworkShape(size, 1, 10, dropout));
                assertThat(NetworkGeometry.of(name, conf, InputType.convolutional(size, size, 1)))
                        .as("%s built at %d, dropout %s", name, size, dropout).isEqualTo(arch.layers());
            }
        }
    }

    /** p4cnn with its pool changed after {@code configure(...)}: the verdict follows the rule for the new pool. */
    @ParameterizedTest(name = "pool {0}×{0}, stride {1}, pad {2}")
    @CsvSource({"2, 2, 0", "2, 3, 0", "3, 3, 1", "3, 2, 0", "3, 3, 0"})
    void aChangedPoolInTheNetworkChangesTheVerdict(int kernel, int stride, int padding) {
        Architecture changed = new Changed(Architectures.get("p4cnn"), conf -> {
            SubsamplingLayer pool = pool(conf);
            pool.setKernelSize(new int[] {kernel, kernel});
            pool.setStride(new int[] {stride, stride});
            pool.setPadding(new int[] {padding, padding});
        });
        for (int n = 12; n <= 40; n++) {
            ExactnessReport r = ExactnessAnalysis.analyse(changed, n);
            boolean exact = (n + 2 * padding - kernel) % stride == 0;
            assertThat(r.valid()).isTrue();
            assertThat(r.exact()).as("at %d", n).isEqualTo(exact);
            assertThat(r.breakingLayer()).as("at %d", n).isEqualTo(exact ? "" : "pool");
            assertThat(r.sizes().subList(2, 4)).as("pool's input and the next layer's").containsExactly(n,
                    (n + 2 * padding - kernel) / stride + 1);
        }
    }

    @Test
    void aStrideThreePoolIsExactWhereTodaysIsNot() {
        Architecture p4cnn = Architectures.get("p4cnn");
        Architecture stride3 = new Changed(p4cnn, conf -> pool(conf).setStride(new int[] {3, 3}));
        assertThat(ExactnessAnalysis.analyse(p4cnn, 28).exact()).isTrue();
        assertThat(ExactnessAnalysis.analyse(stride3, 28).breakingLayer()).isEqualTo("pool");
        assertThat(ExactnessAnalysis.analyse(p4cnn, 29).breakingLayer()).isEqualTo("pool");
        assertThat(ExactnessAnalysis.analyse(stride3, 29).exact()).isTrue();
        assertThat(ExactnessAnalysis.forwardMultiplyAdds(stride3.layers(), 28))
                .isLessThan(ExactnessAnalysis.forwardMultiplyAdds(p4cnn.layers(), 28));
    }

    private static SubsamplingLayer pool(ComputationGraphConfiguration conf) {
        return (SubsamplingLayer) ((LayerVertex) conf.getVertices().get("pool")).getLayerConf().getLayer();
    }

    /** Vertices between the lifting conv and the pool that the analysis cannot follow. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"zero padding, org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer",
        "scale vertex, org.deeplearning4j.nn.conf.graph.ScaleVertex",
        "same-mode pool, ConvolutionMode.Truncate"})
    void aLayerThatMayChangeTheSizeUnseenStopsTheDerivation(String what, String named) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("lift", new LiftingConv.Builder().group(Group.C4).nOut(2).kernel(3).padding(1).build(),
                        "input");
        switch (what) {
            case "zero padding" -> graph.addLayer("middle", new ZeroPaddingLayer.Builder(1, 1).build(), "lift");
            case "scale vertex" -> graph.addVertex("middle", new ScaleVertex(2.0), "lift");
            default -> graph.addLayer("middle", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).convolutionMode(ConvolutionMode.Same).build(), "lift");
        }
        ComputationGraphConfiguration conf = graph.addLayer("pool", GroupSpatialPool.max(2, 2, 0), "middle")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .activation(Activation.SOFTMAX).nOut(10).build(), "gap")
                .setOutputs("output").build();
        assertThatThrownBy(() -> NetworkGeometry.of("tiny", conf, InputType.convolutional(28, 28, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tiny: ")
                .hasMessageContaining("'middle'")
                .hasMessageContaining(named);
    }

    /** An architecture whose built configuration is changed before use, as if {@code configure(...)} had drifted. */
    private record Changed(Architecture base, Consumer<ComputationGraphConfiguration> change) implements Architecture {
        @Override
        public String name() {
            return base.name() + "-changed";
        }

        @Override
        public Group group() {
            return base.group();
        }

        @Override
        public ComputationGraphConfiguration configure(NeuralNetConfiguration.Builder builder, NetworkShape shape) {
            ComputationGraphConfiguration conf = base.configure(builder, shape);
            change.accept(conf);
            return conf;
        }

        @Override
        public List<Probe> probes() {
            return base.probes();
        }
    }
}

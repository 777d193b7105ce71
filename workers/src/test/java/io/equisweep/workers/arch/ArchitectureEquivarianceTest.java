package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.nn.EquivarianceCheck;
import io.equisweep.workers.nn.EquivarianceCheck.ElementError;
import io.equisweep.workers.nn.GroupBatchNormLayer;
import io.equisweep.workers.nn.GroupConvKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exactness analysis and the measured equivariance agree, depth by depth, for the paper's networks
 * at their exact and approximate sizes: random input, random weights, random batch-norm statistics.
 */
class ArchitectureEquivarianceTest {

    @org.junit.jupiter.api.Test
    void atOddSizesTheTransposeStaysExactWhileEveryOtherElementBreaks() {
        // A 2×2/2 pool's windows on an odd map start at 0 and miss the last row and column. The
        // transpose (i, j) → (j, i), which is r∘f here, maps that grid onto itself; every other element,
        // the anti-diagonal reflection included, moves index 0 to n − 1 and so shifts the grid.
        Architecture arch = Architectures.get("p4mcnn");
        ComputationGraph net = ArchitecturesTest.build("p4mcnn", 29, 1);
        randomiseBatchNorm(net, 29);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 29, 29);
        for (ElementError e : EquivarianceCheck.measure(net, x, arch.group(),
                Map.of("relu5", EquivarianceCheck.Kind.REGULAR, EquivarianceCheck.LOGITS, EquivarianceCheck.Kind.INVARIANT))) {
            boolean transpose = e.element().equals(new io.equisweep.workers.symmetry.GroupElement(true, 1));
            if (transpose) {
                assertThat(e.relative()).as("%s %s", e.layer(), e.element()).isLessThan(1e-5);
            } else {
                assertThat(e.relative()).as("%s %s", e.layer(), e.element()).isGreaterThan(1e-2);
            }
        }
    }

    static void randomiseBatchNorm(ComputationGraph net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (Layer layer : net.getLayers()) {
            if (layer instanceof GroupBatchNormLayer) {
                layer.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, layer.getParam("gamma").shape()).addi(0.5));
                layer.getParam("beta").assign(Nd4j.rand(DataType.FLOAT, layer.getParam("beta").shape()).subi(0.5));
                layer.getParam("mean").assign(Nd4j.rand(DataType.FLOAT, layer.getParam("mean").shape()).subi(0.5).muli(0.2));
                layer.getParam("var").assign(Nd4j.rand(DataType.FLOAT, layer.getParam("var").shape()).addi(0.5));
            }
        }
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"p4cnn, 28, true", "p4cnn, 27, false", "p4cnn, 29, false", "p4mcnn, 28, true", "p4mcnn, 27, false",
        "resnet44-p4, 33, true", "resnet44-p4, 32, false", "resnet44-p4m, 33, true", "resnet44-p4m, 32, false",
        "resnet44-p4-cosetpool, 33, true", "resnet44-p4-gc, 33, true", "resnet44-p4-gc, 32, false",
        "resnet44-p4m-gc, 33, true", "resnet44-p4m-gc, 32, false",
        "resnet18-p4, 33, true", "resnet18-p4, 32, false", "resnet44-p4-pcam, 97, true", "resnet44-p4-pcam, 96, false"})
    void analysisAndMeasurementAgreeAtEveryDepth(String name, int n, boolean exact) {
        agreeAtEveryDepth(Architectures.get(name), n, exact);
    }

    /**
     * The other ResNet-18s with the registered layout, head and block convolutions but width 4, so that the test
     * takes seconds: the verdict depends on the geometry, not on the width.
     */
    @ParameterizedTest(name = "{0}, {1}, {2}, width 4, at {3}")
    @CsvSource({"D4, ALL_CHANNELS, FULL, 9, true", "D4, ALL_CHANNELS, FULL, 8, false",
        "C4, COSET_POOL_THEN_AVERAGE, FULL, 17, true",
        // 13 → 7 → 4: exact through the third stage, broken by the fourth's stride-2 layers.
        "C4, COSET_POOL_THEN_AVERAGE, FULL, 13, false", "D4, COSET_POOL_THEN_AVERAGE, FULL, 9, true",
        "D4, COSET_POOL_THEN_AVERAGE, FULL, 13, false",
        // resnet18-p4-gc and resnet18-p4m-gc.
        "C4, ALL_CHANNELS, SEPARABLE, 17, true", "C4, ALL_CHANNELS, SEPARABLE, 16, false",
        "D4, ALL_CHANNELS, SEPARABLE, 9, true", "D4, ALL_CHANNELS, SEPARABLE, 13, false"})
    void narrowResNet18sAgreeAtEveryDepth(io.equisweep.workers.symmetry.Group group, PreActResNet.Head head,
                                          GroupConvKind blockConvs, int n, boolean exact) {
        agreeAtEveryDepth(PreActResNet.resNet18("resnet18-narrow", group, 4, head, blockConvs), n, exact);
    }

    private static void agreeAtEveryDepth(Architecture arch, int n, boolean exact) {
        String name = arch.name();
        ExactnessReport report = ExactnessAnalysis.analyse(arch, n);
        assertThat(report.exact()).isEqualTo(exact);

        ComputationGraph net = ArchitecturesTest.build(arch, n, 3, 10);
        randomiseBatchNorm(net, n);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, n, n);
        Map<String, EquivarianceCheck.Kind> probes = new LinkedHashMap<>();
        arch.probes().forEach(p -> probes.put(p.vertex(), p.kind()));
        List<ElementError> errors = EquivarianceCheck.measure(net, x, arch.group(), probes);
        assertThat(errors).hasSize((arch.group().order() - 1) * probes.size());

        if (probes.keySet().stream().noneMatch(EquivarianceCheck.LOGITS::equals)) {
            // The paper's ResNets without coset pooling classify from all |G| channels of each field: not invariant
            // even when exact.
            double logits = EquivarianceCheck.worstByLayer(EquivarianceCheck.measure(net, x, arch.group(),
                    Map.of(EquivarianceCheck.LOGITS, EquivarianceCheck.Kind.INVARIANT))).get(EquivarianceCheck.LOGITS);
            assertThat(logits).as("%s@%d logits", name, n).isGreaterThan(1e-3);
        }
        for (Architecture.Probe probe : arch.probes()) {
            List<ElementError> at = errors.stream().filter(e -> e.layer().equals(probe.vertex())).toList();
            double worst = at.stream().mapToDouble(ElementError::relative).max().orElseThrow();
            if (report.exactThrough(arch.layers(), probe.afterLayer())) {
                assertThat(at).allSatisfy(e -> assertThat(e.relative())
                        .as("%s@%d %s under %s", name, n, e.layer(), e.element()).isLessThan(1e-5));
            } else {
                assertThat(worst).as("%s@%d %s (after %s)", name, n, probe.vertex(), report.breakingLayer())
                        .isGreaterThan(1e-2);
            }
        }
    }
}

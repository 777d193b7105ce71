package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.nn.EquivarianceCheck;
import io.equisweep.workers.nn.EquivarianceCheck.ElementError;
import io.equisweep.workers.nn.GroupBatchNormLayer;
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
        "resnet44-p4m-gc, 33, true", "resnet44-p4m-gc, 32, false"})
    void analysisAndMeasurementAgreeAtEveryDepth(String name, int n, boolean exact) {
        Architecture arch = Architectures.get(name);
        ExactnessReport report = ExactnessAnalysis.analyse(arch, n);
        assertThat(report.exact()).isEqualTo(exact);

        ComputationGraph net = ArchitecturesTest.build(name, n, 3);
        randomiseBatchNorm(net, n);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, n, n);
        Map<String, EquivarianceCheck.Kind> probes = new LinkedHashMap<>();
        arch.probes().forEach(p -> probes.put(p.vertex(), p.kind()));
        List<ElementError> errors = EquivarianceCheck.measure(net, x, arch.group(), probes);
        assertThat(errors).hasSize((arch.group().order() - 1) * probes.size());

        if (arch instanceof ResNet44 resnet && !resnet.cosetPool()) {
            // The paper's ResNets classify from all |G| channels of each field: not invariant even when exact.
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

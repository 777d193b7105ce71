package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped architecture's geometry gives, at every input size, exactly the verdicts and costs of the
 * hand-written lists sweeps have used so far ({@link HandWrittenGeometry}): the names stored in result
 * tables, the sizes, the problem messages, the probes' expectations and the cost model's multiply-adds.
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
                        l.weightsPerOutput()))
                .toList();
        assertThat(Architectures.get(name).layers())
                .extracting(LayerGeometry::name, LayerGeometry::kernel, LayerGeometry::stride, LayerGeometry::padding,
                        LayerGeometry::inChannels, LayerGeometry::outChannels, LayerGeometry::weightsPerOutput)
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
}

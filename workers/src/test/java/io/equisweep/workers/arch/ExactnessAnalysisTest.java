package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExactnessAnalysisTest {
    private final Architecture z2cnn = Architectures.get("z2cnn");

    @Test
    void paperMnistNetIsExactOnlyForEvenInputs() {
        assertThat(ExactnessAnalysis.analyse(z2cnn, 28).exact()).isTrue();
        for (int n : new int[] {27, 29}) {
            ExactnessReport r = ExactnessAnalysis.analyse(z2cnn, n);
            assertThat(r.valid()).isTrue();
            assertThat(r.exact()).isFalse();
            assertThat(r.breakingLayer()).isEqualTo("pool");
        }
        ExactnessReport r28 = ExactnessAnalysis.analyse(z2cnn, 28);
        // conv1, conv2 and the pool see 28; after the pool every layer sees 14.
        assertThat(r28.sizes()).containsExactly(28, 28, 28, 14, 14, 14, 14, 14);
    }

    @Test
    void tooSmallInputsAreInvalidWithTheSmallestValidSize() {
        assertThat(ExactnessAnalysis.minimumInputSize(z2cnn.layers())).isEqualTo(8);
        assertThat(ExactnessAnalysis.analyse(z2cnn, 8).valid()).isTrue();
        ExactnessReport r = ExactnessAnalysis.analyse(z2cnn, 7);
        assertThat(r.valid()).isFalse();
        assertThat(r.breakingLayer()).isEqualTo("conv7");
        assertThat(r.problem()).isEqualTo("input size 7 is too small for z2cnn: layer conv7 (4×4, stride 1, pad 0) "
                + "would see a 3×3 map, smaller than its kernel; the smallest valid input size is 8");
    }

    @Test
    void oneStrideTwoLayerFollowsTheRuleAtEverySize() {
        List<LayerGeometry> kernel3 = List.of(LayerGeometry.conv("down", 3, 2, 0, 1, 1));
        List<LayerGeometry> kernel2 = List.of(LayerGeometry.pool("pool", 2, 2, 1));
        for (int n = 20; n <= 40; n++) {
            assertThat(ExactnessAnalysis.analyse("k3s2", kernel3, n).exact()).as("3×3/2 at %d", n).isEqualTo(n % 2 == 1);
            assertThat(ExactnessAnalysis.analyse("k2s2", kernel2, n).exact()).as("2×2/2 at %d", n).isEqualTo(n % 2 == 0);
        }
    }

    @Test
    void costGrowsWithInputSize() {
        long at28 = ExactnessAnalysis.forwardMultiplyAdds(z2cnn.layers(), 28);
        // conv1: 28²·20·9 = 141,120; conv2: 28²·20·180 = 2,822,400; conv3-6: 4·14²·20·180; conv7: 11²·20·320.
        assertThat(at28).isEqualTo(141_120L + 2_822_400L + 4L * 196 * 20 * 180 + 121L * 20 * 320);
        assertThat(ExactnessAnalysis.forwardMultiplyAdds(z2cnn.layers(), 29)).isGreaterThan(at28);
    }
}

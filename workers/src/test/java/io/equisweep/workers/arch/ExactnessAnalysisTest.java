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
    void resNet18IsExactOnlyForSizesOneModEight() {
        // Three stride-2 stages, each needing an odd input: 225 → 113 → 57 → 29 (the ImageNet crop 225), 33 → 17 → 9 → 5.
        for (String name : new String[] {"resnet18-z2", "resnet18-p4", "resnet18-p4m-cosetpool", "resnet18-p4-gc",
            "resnet18-p4m-gc"}) {
            Architecture arch = Architectures.get(name);
            assertThat(ExactnessAnalysis.minimumInputSize(arch.layers())).as(name).isEqualTo(1);
            for (int n = 1; n <= 260; n++) {
                assertThat(ExactnessAnalysis.analyse(arch, n).exact()).as("%s at %d", name, n).isEqualTo(n % 8 == 1);
            }
        }
        Architecture resnet18 = Architectures.get("resnet18-p4");
        assertThat(ExactnessAnalysis.analyse(resnet18, 225).sizes()).containsSubsequence(225, 113, 57, 29);
        assertThat(ExactnessAnalysis.analyse(resnet18, 224).breakingLayer()).isEqualTo("s2b1_shortcut");
        assertThat(ExactnessAnalysis.analyse(resnet18, 32).breakingLayer()).isEqualTo("s2b1_shortcut");
        assertThat(ExactnessAnalysis.analyse(resnet18, 17).breakingLayer()).isEmpty();
        assertThat(ExactnessAnalysis.analyse(resnet18, 31).breakingLayer()).isEqualTo("s3b1_shortcut");
        assertThat(ExactnessAnalysis.analyse(resnet18, 29).breakingLayer()).isEqualTo("s4b1_shortcut");
    }

    @Test
    void pcamResNet44IsExactAt97AndNotAt96() {
        // Two stride-2 stages: n ≡ 1 (mod 4). 97 → 49 → 25; 96 breaks at the second stage, 95 (→ 48) at the third.
        for (String name : new String[] {"resnet44-z2-pcam", "resnet44-p4-pcam"}) {
            Architecture arch = Architectures.get(name);
            assertThat(ExactnessAnalysis.analyse(arch, 97).exact()).as(name).isTrue();
            assertThat(ExactnessAnalysis.analyse(arch, 97).sizes()).as(name).containsSubsequence(97, 49, 25);
            assertThat(ExactnessAnalysis.analyse(arch, 96).breakingLayer()).as(name).isEqualTo("s2b1_shortcut");
            assertThat(ExactnessAnalysis.analyse(arch, 95).breakingLayer()).as(name).isEqualTo("s3b1_shortcut");
            for (int n = 1; n <= 128; n++) {
                assertThat(ExactnessAnalysis.analyse(arch, n).exact()).as("%s at %d", name, n).isEqualTo(n % 4 == 1);
            }
        }
        // The centre 32×32 crop is not exact; 33 is.
        assertThat(ExactnessAnalysis.analyse(Architectures.get("resnet44-p4-pcam"), 32).exact()).isFalse();
        assertThat(ExactnessAnalysis.analyse(Architectures.get("resnet44-p4-pcam"), 33).exact()).isTrue();
    }

    @Test
    void costGrowsWithInputSize() {
        long at28 = ExactnessAnalysis.forwardMultiplyAdds(z2cnn.layers(), 28);
        // conv1: 28²·20·9 = 141,120; conv2: 28²·20·180 = 2,822,400; conv3-6: 4·14²·20·180; conv7: 11²·20·320.
        assertThat(at28).isEqualTo(141_120L + 2_822_400L + 4L * 196 * 20 * 180 + 121L * 20 * 320);
        assertThat(ExactnessAnalysis.forwardMultiplyAdds(z2cnn.layers(), 29)).isGreaterThan(at28);
    }
}

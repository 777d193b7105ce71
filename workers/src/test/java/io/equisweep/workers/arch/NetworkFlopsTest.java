package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NetworkFlopsTest {
    @Test
    void aTrainingStepIsTheForwardPassPlusBothBackwardProductsButTheFirstLayersInputGradient() {
        for (String net : new String[] {"z2cnn", "p4cnn", "p4mcnn"}) {
            Architecture a = Architectures.get(net);
            NetworkFlops f = NetworkFlops.of(a, 28);
            long first = 2 * ExactnessAnalysis.forwardMultiplyAdds(a.layers().subList(0, 1), 28);
            assertThat(f.training()).as(net).isEqualTo(3 * f.forward() - first);
            assertThat(f.forward()).as(net).isPositive();
        }
    }

    @Test
    void theFirstLayerOfP4cnnIsCountedByHand() {
        // Outputs per channel × channels (group axis included) × multiply-adds per output value.
        LayerGeometry lifting = Architectures.get("p4cnn").layers().get(0);
        assertThat(ExactnessAnalysis.forwardMultiplyAdds(java.util.List.of(lifting), 28))
                .isEqualTo((long) lifting.outputSize(28) * lifting.outputSize(28) * lifting.outChannels() * lifting.weightsPerOutput());
    }

    @Test
    void aSeparableLayerCostsItsOneByOneMixAtTheInputSizeAndItsDepthwiseConvAtTheOutputSize() {
        // resnet44-p4-gc's first stride-2 block conv: 188 → 376 channels, 17×17 → 9×9 at input 33.
        LayerGeometry conv = Architectures.get("resnet44-p4-gc").layers().stream()
                .filter(l -> l.name().equals("s3b1_conv1")).findFirst().orElseThrow();
        assertThat(conv.multiplyAdds(17)).isEqualTo(17L * 17 * 376 * 752 + 9L * 9 * 752 * 9);
        Architecture arch = Architectures.get("resnet44-p4-gc");
        NetworkFlops gc = NetworkFlops.of(arch, 33);
        long stem = 2 * ExactnessAnalysis.forwardMultiplyAdds(arch.layers().subList(0, 1), 33);
        assertThat(gc.training()).isEqualTo(3 * gc.forward() - stem);
    }

    @Test
    void p4cnnCostsAboutWhatTheEarlierProfileEstimated() {
        // The performance issue's estimate: about 156 MFLOP per training image at 28×28.
        assertThat(NetworkFlops.of(Architectures.get("p4cnn"), 28).training() / 1e6).isCloseTo(156, within(25.0));
    }
}

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
    void p4cnnCostsAboutWhatTheEarlierProfileEstimated() {
        // The performance issue's estimate: about 156 MFLOP per training image at 28×28.
        assertThat(NetworkFlops.of(Architectures.get("p4cnn"), 28).training() / 1e6).isCloseTo(156, within(25.0));
    }
}

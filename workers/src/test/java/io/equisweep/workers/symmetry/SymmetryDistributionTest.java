package io.equisweep.workers.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetryDistributionTest {

    @Test
    void parsesEveryNameAndRoundTripsIt() {
        for (String name : SymmetryDistribution.NAMES) {
            assertThat(SymmetryDistribution.parse(name).name()).isEqualTo(name);
        }
        assertThat(SymmetryDistribution.parse(" C4 ").name()).isEqualTo("c4");
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> SymmetryDistribution.parse("spin"))
                .hasMessage("unknown symmetry 'spin'; valid: upright, uniform, c4, d4");
    }

    @Test
    void groupDistributionsDrawEveryElementEvenly() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] counts = new int[8];
        SymmetryDistribution d4 = SymmetryDistribution.parse("d4");
        for (int i = 0; i < 8000; i++) {
            var t = d4.sample(rng);
            counts[(t.flip() ? 4 : 0) + (int) (t.degrees() / 90)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(880, 1120);
        }
        var c4 = SymmetryDistribution.parse("c4").sample(rng);
        assertThat(c4.flip()).isFalse();
        assertThat(SymmetryDistribution.parse("upright").sample(rng).isIdentity()).isTrue();
    }
}

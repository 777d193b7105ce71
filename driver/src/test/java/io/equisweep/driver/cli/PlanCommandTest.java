package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanCommandTest {

    @Test
    void printsEveryCellWithItsIdExactnessAndCost() {
        CliRunner r = CliRunner.run("plan", "../sweeps/quick.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Sweep 'quick' on synthetic: 4 cells");
        assertThat(r.out().lines().filter(l -> l.matches("^\\d+\\s+[0-9a-f]{16}\\s+z2cnn.*"))).hasSize(4);
        assertThat(r.out()).contains("no (pool)").contains("yes").contains("Estimated cost:");
    }
}

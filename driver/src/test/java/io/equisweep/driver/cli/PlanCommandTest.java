package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCommandTest {

    @Test
    void printsEveryCellWithItsIdExactnessAndCost() {
        CliRunner r = CliRunner.run("plan", "../sweeps/quick.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Sweep 'quick' on synthetic: 8 cells");
        List<String> rows = r.out().lines().filter(l -> l.matches("^\\d+\\s+[0-9a-f]{16}\\s+(z2cnn|p4cnn)\\s.*")).toList();
        assertThat(rows).hasSize(8);
        assertThat(rows).filteredOn(l -> l.contains(" z2cnn ")).allSatisfy(l -> assertThat(l).contains(" 25210 "));
        assertThat(rows).filteredOn(l -> l.contains(" p4cnn ")).allSatisfy(l -> assertThat(l).contains(" 24810 "));
        assertThat(rows).filteredOn(l -> l.contains(" 29 ")).allSatisfy(l -> assertThat(l).contains("no (pool)"));
        assertThat(r.out()).contains("Estimated cost:");
    }
}

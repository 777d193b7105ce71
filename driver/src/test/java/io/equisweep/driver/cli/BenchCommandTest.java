package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench command runs a network in its own JVM and prints its row; timings are not asserted. */
class BenchCommandTest {
    @Test
    void measuresANetworkInAFreshProcess() {
        CliRunner run = CliRunner.run("bench", "--nets", "z2cnn", "--threads", "1", "--runs", "1", "--steps", "1",
                "--batch", "8", "--no-pytorch");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("median of 1 runs of 1 minibatches").containsPattern("z2cnn\\s+1\\s+\\d+\\s+—");
    }

    @Test
    void refusesUnknownNetworksAndNonsenseCounts() {
        CliRunner unknown = CliRunner.run("bench", "--nets", "p5cnn", "--no-pytorch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown network 'p5cnn'; valid: z2cnn, p4cnn");
        assertThat(CliRunner.run("bench", "--runs", "0", "--no-pytorch").exitCode()).isEqualTo(2);
    }
}

package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench command runs a network in its own JVM and prints its row; timings are not asserted. */
class BenchCommandTest {
    @Test
    void measuresANetworkInAFreshProcess() {
        CliRunner run = CliRunner.run("bench", "--nets", "z2cnn", "--threads", "1", "--runs", "1", "--steps", "1",
                "--batch", "8", "--rounds", "2", "--no-pytorch");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // Two rounds, each in a process of its own; the table shows their medians.
        assertThat(run.err()).contains("round 1 of 2", "round 2 of 2");
        assertThat(run.out()).containsPattern("z2cnn, 1 thread\\(s\\), train img/s by round: equisweep \\d+, \\d+\\n");
        assertThat(run.out()).contains("median of the timed runs").containsPattern("z2cnn\\s+8\\s+1×1\\s+1\\s+\\d+\\s+—");
        // FLOPs per image, GFLOP/s and the fraction of this machine's GEMM peak.
        assertThat(run.out()).contains("GEMM peak").containsPattern("z2cnn\\s.*\\s\\d+\\s+[\\d.]+\\s+—\\s+[\\d.]+\\s+\\d+ %\\s+—");
    }

    @Test
    void refusesUnknownNetworksAndNonsenseCounts() {
        CliRunner unknown = CliRunner.run("bench", "--nets", "p5cnn", "--no-pytorch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown network 'p5cnn'; valid: z2cnn, p4cnn");
        assertThat(CliRunner.run("bench", "--runs", "0", "--no-pytorch").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("bench", "--rounds", "0", "--no-pytorch").exitCode()).isEqualTo(2);
        CliRunner nothing = CliRunner.run("bench", "--no-nets");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("--no-nets leaves nothing to run without --sweep");
        CliRunner missing = CliRunner.run("bench", "--no-nets", "--sweep=" + dir.resolve("none.yaml"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no sweep spec at");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void sweepEfficiencySetsWallTimeAgainstTrainingOverTheSlots() throws Exception {
        java.nio.file.Path spec = dir.resolve("tiny.yaml");
        java.nio.file.Files.writeString(spec, """
                name: tiny
                dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 16}}
                grid: {architecture: z2cnn, inputSize: 28, symmetry: upright, seed: [1, 2]}
                training: {epochs: 1, batchSize: 32, dropout: 0}
                evaluation: {angles: [0]}
                output: should-not-be-written
                """);
        CliRunner run = CliRunner.run("bench", "--no-nets", "--sweep=" + spec, "--master", "local[2]");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Sweep 'tiny': 2 equal cells on 2 task slots")
                .containsPattern("wall / \\(training / slots\\) = \\d+\\.\\d{3}");
        assertThat(java.nio.file.Path.of("should-not-be-written")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void scaleRunsCellsThatTrainNothingThroughTheWholeDriverPath() {
        CliRunner run = CliRunner.run("bench", "--scale", "12", "--master", "local[2]");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("Driver path at scale: 12 cells on 2 task slots in [\\d.]+ s wall")
                .containsPattern("overhead per cell = \\(wall − busy / slots\\) / cells = [\\d.]+ ms")
                .containsPattern("status [\\d.]+ s, plan [\\d.]+ s, rerun skipping every cell [\\d.]+ s");
        assertThat(CliRunner.run("bench", "--scale", "0").exitCode()).isEqualTo(2);
    }
}

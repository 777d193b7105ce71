package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest {
    @TempDir
    Path dir;

    private CliRunner runWithSpec(String yaml) throws IOException {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, yaml);
        return CliRunner.run("run", spec.toString(), "--output", dir.resolve("out").toString());
    }

    @Test
    void missingSpecFile() {
        CliRunner r = CliRunner.run("run", dir.resolve("nope.yaml").toString(), "--output", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("nope.yaml: 1 problem").contains("no such file");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void invalidYaml() throws IOException {
        CliRunner r = runWithSpec("name: [broken\n");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("invalid YAML at line");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void unknownArchitecture() throws IOException {
        CliRunner r = runWithSpec("name: a\ndataset: {name: synthetic}\ngrid: {architecture: resnet9000, inputSize: 28}\n");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("grid.architecture: unknown architecture 'resnet9000'; valid: z2cnn, p4cnn, p4mcnn, resnet44-z2, resnet44-p4, resnet44-p4m, resnet44-p4-cosetpool, resnet44-p4m-cosetpool, resnet44-p4-gc, resnet44-p4m-gc, resnet18-z2, resnet18-p4, resnet18-p4m, resnet18-p4-cosetpool, resnet18-p4m-cosetpool, resnet18-p4-gc, resnet18-p4m-gc, resnet44-z2-pcam, resnet44-p4-pcam");
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(Path.of("spark-warehouse")).doesNotExist();
    }

    @Test
    void planOfABadSpecFailsTheSameWay() throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 4}\n");
        CliRunner r = CliRunner.run("plan", spec.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("grid.inputSize: input size 4 is too small for z2cnn");
    }

    @Test
    void unknownOptionAndMissingArgument() {
        assertThat(CliRunner.run("run", "--frobnicate", "x.yaml").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRunner r = CliRunner.run("plan");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("Missing required parameter: 'SPEC'");
    }

    @Test
    void statusOfAMissingResultsFolder() {
        CliRunner r = CliRunner.run("status", dir.resolve("nothing-here").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no such results folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "plan", "status"})
    void everyCommandHasHelp(String command) {
        CliRunner r = command.isEmpty() ? CliRunner.run("--help") : CliRunner.run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: equisweep");
    }
}

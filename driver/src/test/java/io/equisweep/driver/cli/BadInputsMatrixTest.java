package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad inputs of every kind through {@code run}: each stops the whole run with exit 2 and its own
 * message, before Spark starts, and leaves no results folder behind.
 */
class BadInputsMatrixTest {
    @TempDir
    Path dir;

    private static final String OK_GRID = "grid: {architecture: z2cnn, inputSize: 28}\\n";

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.api.Timeout(60)   // a case that is accidentally valid would start real training
    @CsvSource(delimiter = '|', textBlock = """
        missing spec file      | @missing                                                                    | | no such file
        invalid YAML           | name: [broken                                                               | | invalid YAML at line
        empty spec             | ' '                                                                         | | the spec is empty
        duplicate key          | name: a\\nname: b\\n                                                         | | Duplicate field 'name'
        unknown top-level key  | name: a\\ndataset: {name: synthetic}\\nGRID\\nseeds: 3                        | | seeds: unknown key
        bad sweep name         | name: a/b\\ndataset: {name: synthetic}\\nGRID                                 | | 'a/b' is not a valid sweep name
        unknown architecture   | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: p6cnn, inputSize: 28} | | unknown architecture 'p6cnn'
        input too small        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: p4cnn, inputSize: 5} | | input size 5 is too small for p4cnn
        empty axis             | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, seed: []} | | grid.seed: empty axis
        wrong type             | name: a\\ndataset: {name: synthetic}\\nGRID\\ntraining: {batchSize: big}      | | expected an integer, found string 'big'
        out of range           | name: a\\ndataset: {name: synthetic}\\nGRID\\ntraining: {learningRate: -1}   | | training.learningRate: must be in (0, 10]
        bad symmetry           | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, symmetry: 'normal(45)'} | | needs two arguments
        bad sampling           | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, symmetry: 'c4@never'} | | unknown sampling '@never'
        grid over limit        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, seed: [1, 2, 3]}\\nlimits: {maxCells: 2} | | expands to 3 cells, more than the limit of 2
        unknown dataset        | name: a\\ndataset: {name: svhn}\\nGRID                                        | | unknown dataset 'svhn'
        bad dataset option     | name: a\\ndataset: {name: synthetic, options: {colours: 3}}\\nGRID            | | unknown option 'colours' for dataset synthetic
        missing dataset files  | name: a\\ndataset: {name: mnist, options: {dir: DIR/none}}\\nGRID             | | train-labels-idx1-ubyte.gz: no such file
        too few images         | name: a\\ndataset: {name: idx, options: {trainImages: DIR/images.idx, trainLabels: DIR/labels.idx, validationSize: 5, testSize: 5}}\\nGRID | | not enough for validationSize 5
        axis that changes no cell | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, averagingFrequency: [1, 5]} | | grid.averagingFrequency: averagingFrequency applies only when training.mode is data-parallel, but every cell of this grid has training.mode single
        duplicate axis values  | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, seed: [3, 3]} | | grid.seed[1]: duplicate value 3
        empty range            | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, seed: {from: 5, to: 1}} | | grid.seed: empty range: from 5 is above to 1
        conflicting flags      | name: a\\ndataset: {name: synthetic}\\nGRID                                  | --retry-failed --force | --retry-failed and --force exclude each other
        max-cells flag         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: [28, 30]} | --max-cells 1 | expands to 2 cells, more than the limit of 1
        """)
    void stopsTheRunWithItsMessageAndWritesNothing(String what, String yaml, String flags, String message) throws Exception {
        IdxReader.writeImages(dir.resolve("images.idx"), new byte[6 * 64], 6, 8, 8);
        IdxReader.writeLabels(dir.resolve("labels.idx"), new byte[] {0, 1, 2, 3, 4, 5});
        IdxReader.writeLabels(dir.resolve("short.idx"), new byte[] {0, 1});
        Files.write(dir.resolve("corrupt.idx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        Path spec = dir.resolve("spec.yaml");
        if (!yaml.equals("@missing")) {
            Files.writeString(spec, yaml.replace("\\n", "\n").replace("GRID", OK_GRID.replace("\\n", "")).replace("DIR", dir.toString()));
        }
        Path out = dir.resolve("results");
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--output", out.toString()));
        if (flags != null) {
            args.addAll(List.of(flags.split(" ")));
        }
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(what + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).as(what).contains(message);
        assertThat(out).as(what + ": no results folder").doesNotExist();
    }

    /**
     * A data file that only fails when a cell reads it fails that cell (exit 3), named in its row. Malformed
     * headers and lengths are caught at spec read (CorruptDatasetTest); a label out of range needs the data.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(180)
    void aCorruptDataFileFailsTheCellWithItsName() throws Exception {
        IdxReader.writeImages(dir.resolve("images.idx"), new byte[6 * 64], 6, 8, 8);
        IdxReader.writeLabels(dir.resolve("bad-labels.idx"), new byte[] {0, 1, 2, 3, 4, 12});
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: a\ndataset: {name: idx, options: {trainImages: " + dir.resolve("images.idx")
                + ", trainLabels: " + dir.resolve("bad-labels.idx") + ", testSize: 2}}\n" + OK_GRID.replace("\\n", "\n"));
        CliRunner r = CliRunner.run("run", spec.toString(), "--master", "local[1]", "--output", dir.resolve("results").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.CELLS_NOT_OK);
        assertThat(r.out()).contains("failed").contains("bad-labels.idx: label 12 at index 5 is not below the number of classes");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.api.Timeout(60)
    @CsvSource(delimiter = '|', textBlock = """
        output is a file       | images.idx          | images.idx is a file, not a folder
        output below a file    | images.idx/results  | cannot be created: DIR/images.idx is a file, not a folder
        """)
    void anOutputThatCannotBeAFolderStopsTheRun(String what, String output, String message) throws Exception {
        IdxReader.writeImages(dir.resolve("images.idx"), new byte[6 * 64], 6, 8, 8);
        byte[] before = Files.readAllBytes(dir.resolve("images.idx"));
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: a\ndataset: {name: synthetic}\n" + OK_GRID.replace("\\n", "\n"));
        CliRunner r = CliRunner.run("run", spec.toString(), "--output", dir.resolve(output).toString());
        assertThat(r.exitCode()).as(what + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).as(what).contains(message.replace("DIR", dir.toString()));
        assertThat(Files.readAllBytes(dir.resolve("images.idx"))).as("the file is untouched").isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("images.idx", "spec.yaml");
        }
    }
}

package io.equisweep.driver.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridExpanderTest {

    @Test
    void expandsInAFixedOrderWithTheLastAxisFastest() {
        List<PlannedCell> cells = GridExpander.expand(SpecReaderTest.parse(SpecReaderTest.VALID));
        assertThat(cells).hasSize(24);
        assertThat(cells.get(0).spec().label()).isEqualTo("z2cnn@27 upright seed=1");
        assertThat(cells.get(0).spec().training().learningRate()).isEqualTo(0.01);
        assertThat(cells.get(1).spec().training().learningRate()).isEqualTo(0.001);
        assertThat(cells.get(2).spec().label()).isEqualTo("z2cnn@27 upright seed=2");
        assertThat(cells.get(23).spec().label()).isEqualTo("z2cnn@29 c4 seed=2");
        assertThat(cells).extracting(c -> c.spec().id()).doesNotHaveDuplicates();
        assertThat(cells).extracting(c -> c.exactness().exact()).containsOnly(true, false);
        assertThat(cells.get(8).spec().inputSize()).isEqualTo(28);
        assertThat(cells.get(8).exactness().exact()).isTrue();
        assertThat(cells.get(0).exactness().breakingLayer()).isEqualTo("pool");
        assertThat(cells).allSatisfy(c -> assertThat(c.estimatedSeconds()).isPositive());
    }

    @Test
    void excludeRemovesTheNamedCombinationsThePapersGridNeeds() {
        String paper = """
                name: paper
                dataset: {name: synthetic}
                grid: {architecture: [p4cnn, z2cnn], inputSize: [27, 28, 29], symmetry: [upright, uniform], seed: [1, 2]}
                exclude:
                  - {architecture: z2cnn, inputSize: [27, 29]}
                """;
        List<PlannedCell> cells = GridExpander.expand(SpecReaderTest.parse(paper));
        assertThat(cells).hasSize((3 + 1) * 2 * 2);
        assertThat(cells).filteredOn(c -> c.spec().architecture().equals("z2cnn"))
                .allSatisfy(c -> assertThat(c.spec().inputSize()).isEqualTo(28));
        assertThat(SpecReaderTest.problems(paper.replace("inputSize: [27, 29]}", "inputSize: 31}")))
                .containsExactly(new SpecProblem("exclude[0]", "matches no cell of the grid"));
        assertThat(SpecReaderTest.problems(paper.replace("{architecture: z2cnn, inputSize: [27, 29]}", "{width: 3}")))
                .contains(new SpecProblem("exclude[0].width", "unknown key; valid keys here: architecture, inputSize, symmetry, seed"));
    }

    @Test
    void idsAreStableAcrossRunsAndFormatting() {
        String a = """
                name: first
                dataset: {name: synthetic, options: {trainSize: 100}}
                grid: {architecture: z2cnn, inputSize: 28}
                training: {learningRate: 0.01, weightDecay: 0.00001}
                output: here
                """;
        String sameExperiment = """
                training:
                  weightDecay: 1.0e-5
                  learningRate: 1e-2
                grid:
                  inputSize: [28]
                  architecture: [z2cnn]
                  seed: 1
                dataset:
                  options: {trainSize: "100", seed: 0}
                  name: synthetic
                name: second-name
                output: elsewhere
                """;
        String id = GridExpander.expand(SpecReaderTest.parse(a)).get(0).spec().id();
        assertThat(GridExpander.expand(SpecReaderTest.parse(sameExperiment)).get(0).spec().id()).isEqualTo(id);
        // Golden value: changing it silently would re-run every stored cell of every user.
        assertThat(id).isEqualTo(GOLDEN_ID);
    }

    static final String GOLDEN_ID = "9020296bfae9a0de";

    @Test
    void everyConfigFieldAndTheDatasetChangeTheId() {
        String base = "name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28}\n";
        List<String> variants = List.of(
                base,
                base.replace("inputSize: 28", "inputSize: 30"),
                base.replace("inputSize: 28}", "inputSize: 28, symmetry: c4}"),
                base.replace("inputSize: 28}", "inputSize: 28, seed: 2}"),
                base + "training: {epochs: 49}",
                base + "training: {batchSize: 128}",
                base + "training: {optimizer: sgd}",
                base + "training: {learningRate: 0.02}",
                base + "training: {momentum: 0.5}",
                base + "training: {weightDecay: 0}",
                base + "training: {schedule: constant}",
                base + "training: {schedule: onecycle}",
                base + "training: {schedule: {type: multistep, milestones: [8, 16], gamma: 0.75}}",
                base + "training: {schedule: {type: step, factor: 0.5, every: 10, warmup: 5}}",
                base + "training: {augmentation: {crop: 4, flip: true}}",
                base + "training: {dropout: 0}",
                base + "evaluation: {flips: true}",
                base + "evaluation: {angles: [0, 90]}",
                base.replace("{name: synthetic}", "{name: synthetic, options: {seed: 1}}"),
                base.replace("{name: synthetic}", "{name: synthetic, options: {testSize: 10}}"));
        var ids = new HashSet<String>();
        for (String v : variants) {
            ids.add(GridExpander.expand(SpecReaderTest.parse(v)).get(0).spec().id());
        }
        assertThat(ids).hasSize(variants.size());
    }
}

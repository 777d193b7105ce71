package io.equisweep.driver.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecReaderTest {

    static final String VALID = """
            name: demo
            dataset: {name: synthetic, options: {trainSize: 100}}
            grid:
              architecture: [z2cnn]
              inputSize: [27, 28, 29]
              symmetry: [upright, c4]
              seed: [1, 2]
              learningRate: [0.01, 0.001]
            training: {epochs: 3, batchSize: 16}
            """;

    static SweepSpec parse(String yaml) {
        return SpecReader.parse(yaml, "test.yaml", null);
    }

    static List<SpecProblem> problems(String yaml) {
        return catchThrowableOfType(() -> parse(yaml), SpecException.class).problems();
    }

    @Test
    void readsAValidSpecAndFillsThePapersDefaults() {
        SweepSpec s = parse(VALID);
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.inputSizes()).containsExactly(27, 28, 29);
        assertThat(s.symmetries()).containsExactly("upright", "c4");
        assertThat(s.seeds()).containsExactly(1L, 2L);
        assertThat(s.trainingAxes()).containsOnlyKeys(CellFields.LEARNING_RATE);
        assertThat(s.training().epochs()).isEqualTo(3);
        assertThat(s.training().optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(s.training().weightDecay()).isEqualTo(1e-5);
        assertThat(s.training().schedule()).isEqualTo(LearningRateSchedule.step(0.5, 10));
        assertThat(s.evaluation().angles()).containsExactly(0.0, 90.0, 180.0, 270.0);
        assertThat(s.dataset().options()).containsEntry("trainSize", "100").containsEntry("testSize", "1000");
        assertThat(s.output()).isEqualTo("results");
        assertThat(s.cellCount()).isEqualTo(24);
    }

    @Test
    void scalarsCountAsOneValueAndAngleStepsExpand() {
        SweepSpec s = parse("""
                name: one
                dataset: {name: synthetic}
                grid: {architecture: z2cnn, inputSize: 28}
                training: {weightDecay: 1e-5, schedule: constant}
                evaluation: {angles: {step: 10}, flips: true}
                """);
        assertThat(s.cellCount()).isEqualTo(1);
        assertThat(s.seeds()).containsExactly(1L);
        assertThat(s.training().weightDecay()).isEqualTo(1e-5);
        assertThat(s.training().schedule()).isEqualTo(LearningRateSchedule.constant());
        assertThat(s.evaluation().angles()).hasSize(36).startsWith(0.0, 10.0).endsWith(350.0);
        assertThat(s.evaluation().flips()).isTrue();
    }

    @Test
    void readsThePapersSchedulesAndAugmentation() {
        SweepSpec s = parse("""
                name: paper
                dataset: {name: synthetic}
                grid:
                  architecture: z2cnn
                  inputSize: 28
                  schedule: [onecycle, {type: multistep, milestones: [8, 16, 20, 24, 26, 28], gamma: 0.75},
                             {type: step, factor: 0.1, every: 30, warmup: 5}, {type: constant, warmup: 0},
                             {type: onecycle, pctStart: 0.25, cycleMomentum: false}, step]
                  augmentation: [none, {crop: 4, flip: true}, {flip: true}, {resizedCrop: true, flip: true}]
                """);
        assertThat(s.trainingAxes().get(CellFields.SCHEDULE)).containsExactly(
                LearningRateSchedule.oneCycle(),
                LearningRateSchedule.multiStep(List.of(8, 16, 20, 24, 26, 28), 0.75),
                new LearningRateSchedule.Warmup(5, LearningRateSchedule.step(0.1, 30)),
                LearningRateSchedule.constant(),
                new LearningRateSchedule.OneCycle(0.25, 25, 1e4, false),
                LearningRateSchedule.step(0.5, 10));
        assertThat(s.trainingAxes().get(CellFields.AUGMENTATION)).containsExactly(
                Augmentation.NONE, new Augmentation(4, true), new Augmentation(0, true), new Augmentation(0, true, true));
        assertThat(s.cellCount()).isEqualTo(24);
        assertThat(s.training().augmentation()).isEqualTo(Augmentation.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown top-level key    | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\nepochs: 3 | epochs | unknown key; valid keys here: name, dataset, grid, exclude, training, evaluation, output, limits
        unknown training key     | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {lr: 0.1} | training.lr | unknown key; valid keys here: epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode, averagingFrequency, trainFraction, augmentation, crop, circleCrop, nesterov, scaleEpochs
        unknown grid axis        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, width: [1, 2]} | grid.width | unknown key; valid keys here: architecture, inputSize, symmetry, seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, dropout, mode, averagingFrequency, trainFraction, augmentation, crop, circleCrop, nesterov, scaleEpochs
        wrong type               | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {epochs: many} | training.epochs | expected an integer, found string 'many'
        wrong type in axis       | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: [28, 28.5]} | grid.inputSize[1] | expected an integer, found number 28.5
        empty axis               | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: []} | grid.inputSize | empty axis: give at least one value
        unknown architecture     | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: [z2cnn, p5cnn], inputSize: 28} | grid.architecture[1] | unknown architecture 'p5cnn'; valid: z2cnn, p4cnn, p4mcnn, resnet44-z2, resnet44-p4, resnet44-p4m, resnet44-p4-cosetpool, resnet44-p4m-cosetpool, resnet44-p4-gc, resnet44-p4m-gc, resnet18-z2, resnet18-p4, resnet18-p4m, resnet18-p4-cosetpool, resnet18-p4m-cosetpool, resnet18-p4-gc, resnet18-p4m-gc, resnet44-z2-pcam, resnet44-p4-pcam
        input too small          | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: [28, 6]} | grid.inputSize[1] | input size 6 is too small for z2cnn: layer conv7 (4×4, stride 1, pad 0) would see a 3×3 map, smaller than its kernel; the smallest valid input size is 8
        grid over the limit      | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: [27, 28, 29], seed: [1, 2]}\\nlimits: {maxCells: 5} | grid | expands to 6 cells, more than the limit of 5 (raise limits.maxCells in the spec or pass --max-cells)
        unknown symmetry         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, symmetry: [upright, spin]} | grid.symmetry[1] | unknown symmetry 'spin'; valid: upright, uniform, c4, d4, normal(mean, sigma), range(lo, hi), mixture(p, inner)
        unknown dataset          | name: a\\ndataset: {name: imagenet}\\ngrid: {architecture: z2cnn, inputSize: 28} | dataset.name | unknown dataset 'imagenet'; valid: synthetic, mnist, fashion-mnist, idx, cifar10, cifar100, pcam, image-folder
        bad dataset option       | name: a\\ndataset: {name: synthetic, options: {imageSize: 4}}\\ngrid: {architecture: z2cnn, inputSize: 28} | dataset.options | option 'imageSize' must be in [8, 512], got 4
        missing name             | dataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28} | name | missing; give the sweep a name (letters, digits, '.', '_', '-')
        bad name                 | name: ../etc\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28} | name | '../etc' is not a valid sweep name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit
        missing grid             | name: a\\ndataset: {name: synthetic} | grid | missing; a sweep needs at least grid.architecture and grid.inputSize
        missing axis             | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn} | grid.inputSize | missing; give at least one value
        duplicate axis value     | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: [28, 28]} | grid.inputSize[1] | duplicate value 28: each axis value must be distinct
        out of range             | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {dropout: 1.5} | training.dropout | must be in [0, 1), got 1.5
        crop above the images    | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, crop: [14, 30]} | grid.crop | crop 30 is larger than the 28×28 images of dataset synthetic; the crop is taken before resizing to the input size
        no training data         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, trainFraction: [0.5, 0]} | grid.trainFraction[1] | must be in (0, 1], got 0
        unknown training mode    | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {mode: federated} | training.mode | unknown training mode 'federated'; valid: single, data-parallel
        zero averaging frequency | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {averagingFrequency: 0} | training.averagingFrequency | must be between 1 and 10000, got 0
        nesterov not a boolean   | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {optimizer: sgd, nesterov: classical} | training.nesterov | expected true or false, found string 'classical'
        unknown optimizer        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, optimizer: [adam, lbfgs]} | grid.optimizer[1] | unknown optimizer 'lbfgs'; valid: adam, sgd
        bad schedule             | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: cosine}} | training.schedule.type | unknown schedule 'cosine'; valid: constant, step, multistep, onecycle
        unknown schedule name    | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: cosine} | training.schedule | unknown schedule 'cosine'; valid: constant, step, multistep, onecycle
        schedule not a mapping   | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: 3} | training.schedule | expected a schedule name or mapping (e.g. constant, onecycle, {type: step, factor: 0.5, every: 10}, {type: multistep, milestones: [8, 16], gamma: 0.75}), found number 3
        schedule without type    | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {every: 3}} | training.schedule.type | missing; valid: constant, step, multistep, onecycle
        multistep by name only   | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: multistep} | training.schedule | a multistep schedule needs its milestones: {type: multistep, milestones: [8, 16], gamma: 0.75}
        multistep no milestones  | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: multistep, gamma: 0.5}} | training.schedule.milestones | missing; e.g. milestones: [8, 16, 20]
        multistep scalar         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: multistep, milestones: 8}} | training.schedule.milestones | expected a non-empty list of epochs, found number 8; e.g. milestones: [8, 16, 20]
        milestones not increasing| name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: multistep, milestones: [8, 16, 16]}} | training.schedule.milestones[2] | milestones must increase: 16 follows 16
        milestone zero           | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: multistep, milestones: [0, 16]}} | training.schedule.milestones[0] | must be between 1 and 100000, got 0
        gamma out of range       | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: multistep, milestones: [8], gamma: 1.5}} | training.schedule.gamma | must be in (0, 1], got 1.5
        key of another schedule  | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: onecycle, gamma: 0.5}} | training.schedule.gamma | unknown key; valid keys here: type, pctStart, divFactor, finalDivFactor, cycleMomentum, warmup
        onecycle pctStart        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: onecycle, pctStart: 1}} | training.schedule.pctStart | must be in (0, 1), got 1
        onecycle divFactor       | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: onecycle, divFactor: 0.5}} | training.schedule.divFactor | must be in [1, 1000000000000], got 0.5
        onecycle cycleMomentum   | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: onecycle, cycleMomentum: yes please}} | training.schedule.cycleMomentum | expected true or false, found string 'yes please'
        negative warm-up         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {schedule: {type: step, warmup: -1}} | training.schedule.warmup | must be between 0 and 100000, got -1
        bad augmentation         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {augmentation: crop} | training.augmentation | expected 'none' or a mapping {crop: 4, flip: true} or {resizedCrop: true, flip: true} (crop: zero padding before a random crop back to the input size; resizedCrop: a random box of 0.08 to 1 of the image's area, aspect ratio 3/4 to 4/3, resized to the input size; flip: random horizontal flip), found string 'crop'
        augmentation key         | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {augmentation: {crop: 4, rotate: true}} | training.augmentation.rotate | unknown key; valid keys here: crop, resizedCrop, flip
        augmentation crop        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {augmentation: {crop: -4}} | training.augmentation.crop | must be between 0 and 1024, got -4
        augmentation flip        | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, augmentation: [none, {flip: 1}]} | grid.augmentation[1].flip | expected true or false, found number 1
        empty augmentation       | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {augmentation: {}} | training.augmentation | empty augmentation: give crop (padding in pixels) or resizedCrop, and/or flip, or write 'none'
        resized crop and padding | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\ntraining: {augmentation: {resizedCrop: true, crop: 4, flip: true}} | training.augmentation | resizedCrop and crop 4 exclude each other: crop pads by 4 pixels and crops back to the input size (the CIFAR pipeline), resizedCrop resizes a random box of the image (the Flowers-102 and ImageNet pipeline); keep one
        resized crop not boolean | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28, augmentation: [{resizedCrop: yes please}]} | grid.augmentation[0].resizedCrop | expected true or false, found string 'yes please'
        cifar100 labels          | name: a\\ndataset: {name: cifar100, options: {labels: superclass}}\\ngrid: {architecture: z2cnn, inputSize: 28} | dataset.options | option 'labels' must be 'fine' (100 classes) or 'coarse' (20 superclasses), got 'superclass'
        angle out of range       | name: a\\ndataset: {name: synthetic}\\ngrid: {architecture: z2cnn, inputSize: 28}\\nevaluation: {angles: [0, 360]} | evaluation.angles[1] | must be in [0, 360), got 360
        not a mapping            | name: a\\ndataset: synthetic\\ngrid: {architecture: z2cnn, inputSize: 28} | dataset | expected a mapping, found string 'synthetic'
        """)
    void reportsEachBadSpecWithItsPathAndMessage(String what, String yaml, String path, String message) {
        assertThat(problems(yaml.replace("\\n", "\n"))).containsExactly(new SpecProblem(path, message));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<SpecProblem> problems = problems("""
                name: a
                dataset: {name: synthetic}
                grid: {architecture: [z2cnn, nope], inputSize: [5, 28], symmetry: []}
                training: {epochs: 0, batchSize: -1}
                """);
        assertThat(problems).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "training.epochs", "training.batchSize", "grid.architecture[1]", "grid.symmetry", "grid.inputSize[0]");
    }

    @Test
    void pathsPointAtTheOffendingItemEvenAfterEarlierBadItems() {
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: [abc, 6]}\n"))
                .extracting(SpecProblem::path).containsExactly("grid.inputSize[0]", "grid.inputSize[1]");
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 6}\n"))
                .extracting(SpecProblem::path).containsExactly("grid.inputSize");
    }

    @Test
    void missingDatasetFilesAreASpecProblemWithTheFetchCommand() {
        assertThat(problems("name: a\ndataset: {name: mnist, options: {dir: /nonexistent/mnist}}\n"
                + "grid: {architecture: p4cnn, inputSize: 28}\n")).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("dataset");
                    assertThat(p.message()).isEqualTo("/nonexistent/mnist/train-labels-idx1-ubyte.gz: no such file "
                            + "(nor train-labels-idx1-ubyte); run 'equisweep data fetch mnist' to install MNIST there");
                });
    }

    @Test
    void invalidYamlSaysWhere() {
        assertThatThrownBy(() -> parse("name: a\ngrid: [unclosed\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("test.yaml: 1 problem\n  (top level): invalid YAML at line 2, column 16: while parsing a flow sequence");
        assertThatThrownBy(() -> parse("name: a\nname: b\n"))
                .hasMessageContaining("invalid YAML").hasMessageContaining("Duplicate field 'name'");
        assertThatThrownBy(() -> parse(""))
                .hasMessageContaining("the spec is empty");
    }

    @Test
    void missingFileIsASpecProblem() {
        assertThatThrownBy(() -> SpecReader.read(Path.of("no/such/spec.yaml"), null))
                .isInstanceOf(SpecException.class)
                .hasMessage("no/such/spec.yaml: 1 problem\n  (top level): no such file");
    }

    @Test
    void maxCellsOverrideReplacesTheSpecsLimit() {
        assertThatThrownBy(() -> SpecReader.parse(VALID, "test.yaml", 10))
                .hasMessageContaining("expands to 24 cells, more than the limit of 10");
        assertThat(SpecReader.parse(VALID, "test.yaml", 24).cellCount()).isEqualTo(24);
    }

    @Test
    void shippedSweepsAreValid() {
        assertThat(SpecReader.read(Path.of("../sweeps/quick.yaml"), null).name()).isEqualTo("quick");
    }

    @Test
    void integerAxesAcceptRangesWithBothEndsIncluded() {
        SweepSpec s = parse("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: {from: 26, to: 30, step: 2}, seed: {from: 1, to: 100}}\n");
        assertThat(s.inputSizes()).containsExactly(26, 28, 30);
        assertThat(s.seeds()).hasSize(100).startsWith(1L, 2L).endsWith(100L);
        assertThat(s.cellCount()).isEqualTo(300);
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, seed: {from: 1}}\n"))
                .containsExactly(new SpecProblem("grid.seed", "a range needs 'from' and 'to' (both included), e.g. {from: 1, to: 100}; 'step' is optional"));
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, seed: {from: 1, to: 9, step: 0}}\n"))
                .containsExactly(new SpecProblem("grid.seed.step", "must be between 1 and 9223372036854775807, got 0"));
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: {from: 4, to: 9}}\n"))
                .extracting(SpecProblem::message).containsExactly("input size 4 is too small for z2cnn: layer conv7 (4×4, stride 1, pad 0) would see a 2×2 map, smaller than its kernel; the smallest valid input size is 8");
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, learningRate: {from: 1, to: 2}}\n"))
                .extracting(SpecProblem::path).containsExactly("grid.learningRate");
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, seed: {from: 1, to: 3, by: 1}}\n"))
                .containsExactly(new SpecProblem("grid.seed.by", "unknown key; valid keys here: from, to, step"));
    }

    @Test
    void anAxisOfAFieldThatAppliesToNoCellIsAProblem() {
        String single = "name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, averagingFrequency: [1, 5]}\n";
        assertThat(problems(single)).containsExactly(new SpecProblem("grid.averagingFrequency",
                "averagingFrequency applies only when training.mode is data-parallel, but every cell of this grid has "
                        + "training.mode single: its values would not change any cell; remove the axis or sweep training.mode too"));
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, momentum: [0, 0.9]}\n"))
                .extracting(SpecProblem::message).singleElement().asString()
                .startsWith("momentum applies only when training.optimizer is sgd, but every cell of this grid has training.optimizer adam");
        assertThat(problems("name: a\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, nesterov: [true, false]}\n"))
                .extracting(SpecProblem::message).singleElement().asString()
                .startsWith("nesterov applies only when training.optimizer is sgd, but every cell of this grid has training.optimizer adam");
        // With data-parallel training the same axis is valid, and each value is its own cell.
        List<PlannedCell> parallel = GridExpander.expand(parse(single + "training: {mode: data-parallel}\n"));
        assertThat(parallel).hasSize(2).extracting(c -> c.spec().id()).doesNotHaveDuplicates();
    }

    @Test
    void whereAFieldAppliesToSomeCellsTheOthersKeepTheBaseValueAndAreOneCell() {
        List<PlannedCell> cells = GridExpander.expand(parse("""
                name: a
                dataset: {name: synthetic}
                grid: {architecture: z2cnn, inputSize: 28, optimizer: [adam, sgd], momentum: [0, 0.5]}
                training: {momentum: 0.9}
                """));
        // adam × {0, 0.5} is one cell (momentum does not apply: it keeps training.momentum), sgd × {0, 0.5} two.
        assertThat(cells).hasSize(3).extracting(c -> c.spec().id()).doesNotHaveDuplicates();
        assertThat(cells).extracting(c -> c.spec().training().optimizer() + "/" + c.spec().training().momentum())
                .containsExactly("ADAM/0.9", "SGD/0.0", "SGD/0.5");
        String adamOnly = "name: b\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28}\n";
        assertThat(cells.get(0).spec().id()).as("the same experiment as a plain adam spec")
                .isEqualTo(GridExpander.expand(parse(adamOnly)).get(0).spec().id());
    }

    @Test
    void aLeadingTildeInADatasetOptionIsTheReadersHome() {
        assertThat(SpecReader.homeExpanded("~/.equisweep/data/flowers-102"))
                .isEqualTo(System.getProperty("user.home") + "/.equisweep/data/flowers-102");
        assertThat(SpecReader.homeExpanded("/data/~/x")).isEqualTo("/data/~/x");
        assertThat(SpecReader.homeExpanded("~user/x")).isEqualTo("~user/x");
    }

    /** {@code nesterov} chooses sgd's momentum; adam ignores it (as it ignores momentum) and keeps its id. */
    @Test
    void nesterovSplitsSgdCellsAndLeavesAdamAndEarlierIdsAlone() {
        List<PlannedCell> cells = GridExpander.expand(parse("""
                name: a
                dataset: {name: synthetic}
                grid: {architecture: z2cnn, inputSize: 28, optimizer: [adam, sgd], nesterov: [true, false]}
                """));
        assertThat(cells).hasSize(3).extracting(c -> c.spec().id()).doesNotHaveDuplicates();
        assertThat(cells).extracting(c -> c.spec().training().optimizer() + "/" + c.spec().training().nesterov())
                .containsExactly("ADAM/true", "SGD/true", "SGD/false");
        String plain = "name: b\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, optimizer: [adam, sgd]}\n";
        List<PlannedCell> before = GridExpander.expand(parse(plain));
        assertThat(cells.get(0).spec().id()).isEqualTo(before.get(0).spec().id());
        assertThat(cells.get(1).spec().id()).as("Nesterov sgd keeps the id it had").isEqualTo(before.get(1).spec().id());
        assertThat(GridExpander.expand(parse(plain.replace("optimizer: [adam, sgd]", "optimizer: adam")
                + "training: {nesterov: false}\n")).get(0).spec().id()).isEqualTo(before.get(0).spec().id());
    }

    /** {@code scaleEpochs} (the paper's split semantics) changes only cells that train on a fraction. */
    @Test
    void scaleEpochsSplitsOnlyFractionCellsAndKeepsEarlierIds() {
        List<PlannedCell> cells = GridExpander.expand(parse("""
                name: a
                dataset: {name: synthetic}
                grid: {architecture: z2cnn, inputSize: 28, trainFraction: [0.5, 1], scaleEpochs: [false, true]}
                """));
        assertThat(cells).hasSize(3).extracting(c -> c.spec().id()).doesNotHaveDuplicates();
        assertThat(cells).extracting(c -> c.spec().training().epochsToTrain()).containsExactly(50, 100, 50);
        String plain = "name: b\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, trainFraction: [0.5, 1]}\n";
        List<PlannedCell> before = GridExpander.expand(parse(plain));
        assertThat(cells.get(0).spec().id()).isEqualTo(before.get(0).spec().id());
        assertThat(cells.get(2).spec().id()).isEqualTo(before.get(1).spec().id());
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class, () -> parse(
                "name: c\ndataset: {name: synthetic}\ngrid: {architecture: z2cnn, inputSize: 28, scaleEpochs: [false, true]}\n"));
        assertThat(e.getMessage()).contains("grid.scaleEpochs", "applies only when training.trainFraction is below 1");
    }
}

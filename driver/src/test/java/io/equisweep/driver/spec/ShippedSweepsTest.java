package io.equisweep.driver.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every spec under sweeps/ is valid and expands to the grid it documents. The datasets the paper sweeps
 * name (real MNIST, CIFAR-10) are not on a test machine, so their dataset block is swapped for the
 * synthetic source: grid, exclusions, training and evaluation are what is checked here.
 */
class ShippedSweepsTest {
    static final Path SWEEPS = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()), "sweeps");

    static SweepSpec withSyntheticData(String file) throws Exception {
        return withSyntheticData(file, "{name: synthetic}");
    }

    /** The spec with its dataset block replaced by {@code dataset} (a flow mapping). */
    static SweepSpec withSyntheticData(String file, String dataset) throws Exception {
        String yaml = Files.readString(SWEEPS.resolve(file));
        String synthetic = yaml.replaceAll("(?s)\ndataset:\n.*?\ngrid:", "\ndataset: " + dataset + "\ngrid:");
        return SpecReader.parse(synthetic, file, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"quick.yaml, 8", "paper-mnist.yaml, 160", "paper-mnist-small.yaml, 32", "paper-cifar.yaml, 36",
        "bench-efficiency.yaml, 8", "paper-cifar100.yaml, 36", "paper-flowers.yaml, 36", "paper-imagenet.yaml, 2"})
    void expandsToTheDocumentedGrid(String file, int cells) throws Exception {
        assertThat(GridExpander.expand(withSyntheticData(file))).hasSize(cells);
    }

    @Test
    void thePaperGridIsP4cnnAt27To29AndZ2cnnAt28() throws Exception {
        List<PlannedCell> cells = GridExpander.expand(withSyntheticData("paper-mnist.yaml"));
        assertThat(cells).extracting(c -> c.spec().architecture() + "@" + c.spec().inputSize()).containsOnly(
                "p4cnn@27", "p4cnn@28", "p4cnn@29", "z2cnn@28");
        assertThat(cells).extracting(c -> c.spec().symmetry()).containsOnly("upright", "normal(45,20)", "normal(45,40)",
                "uniform");
        assertThat(cells.get(0).spec().training()).isEqualTo(CellFields.PAPER_DEFAULTS);
        assertThat(cells.get(0).spec().evaluation().angles()).hasSize(36);
        assertThat(cells).filteredOn(c -> c.spec().architecture().equals("p4cnn") && c.spec().inputSize() == 28)
                .allSatisfy(c -> assertThat(c.exactness().exact()).isTrue());
    }

    @Test
    void theRealDataBlocksNameTheSourcesTheReadmeDescribes() throws Exception {
        assertThat(Files.readString(SWEEPS.resolve("paper-mnist-small.yaml"))).contains("name: mnist", "trainSize: 8000");
        assertThat(Files.readString(SWEEPS.resolve("paper-cifar.yaml"))).contains("name: cifar10",
                "cifar-10-binary.tar.gz");
    }

    @Test
    void thePcamGridIsBothNetsAt96And97WithAndWithoutEachCrop() throws Exception {
        // Synthetic images as large as PCam's patches, so that the 32×32 crop is valid.
        List<PlannedCell> cells = GridExpander.expand(withSyntheticData("paper-pcam.yaml", "{name: synthetic, options: {imageSize: 96}}"));
        assertThat(cells).hasSize(48);
        assertThat(cells).extracting(c -> c.spec().architecture()).containsOnly("resnet44-z2-pcam", "resnet44-p4-pcam");
        assertThat(cells).extracting(c -> c.spec().training().crop()).containsOnly(0, 32);
        assertThat(cells).extracting(c -> c.spec().training().circleCrop()).containsOnly(false, true);
        assertThat(cells).filteredOn(c -> c.spec().architecture().equals("resnet44-p4-pcam"))
                .allSatisfy(c -> assertThat(c.exactness().exact()).isEqualTo(c.spec().inputSize() == 97));
        var training = cells.get(0).spec().training();
        assertThat(training.schedule().toString()).isEqualTo("multistep(x0.75@8,16,20,24,26,28)");
        assertThat(training.epochs()).isEqualTo(30);
        assertThat(training.nesterov()).as("PyTorch's classical momentum").isFalse();
        assertThat(cells.get(0).spec().evaluation().angles()).hasSize(36);
        assertThat(cells.get(0).spec().evaluation().equivarianceEvery()).isEqualTo(1);
    }

    @Test
    void theOtherPaperGridsAreExactAtTheOddSizeOnly() throws Exception {
        for (String file : List.of("paper-cifar100.yaml", "paper-flowers.yaml", "paper-imagenet.yaml")) {
            List<PlannedCell> cells = GridExpander.expand(withSyntheticData(file));
            assertThat(cells).filteredOn(c -> !c.spec().architecture().endsWith("-z2"))
                    .allSatisfy(c -> assertThat(c.exactness().exact()).as(file + " " + c.spec().label())
                            .isEqualTo(c.spec().inputSize() % 2 == 1));
        }
        var cifar100 = GridExpander.expand(withSyntheticData("paper-cifar100.yaml")).get(0).spec().training();
        assertThat(cifar100.schedule().toString()).isEqualTo("onecycle");
        assertThat(cifar100.augmentation().toString()).isEqualTo("crop4+flip");
        var imagenet = GridExpander.expand(withSyntheticData("paper-imagenet.yaml")).get(0).spec().training();
        assertThat(imagenet.nesterov()).isFalse();
        assertThat(imagenet.mode()).isEqualTo(io.equisweep.workers.cell.TrainingMode.DATA_PARALLEL);
        assertThat(imagenet.schedule().toString()).isEqualTo("warmup5+multistep(x0.1@30,60,80)");
        assertThat(imagenet.augmentation().toString()).isEqualTo("resizedcrop+flip");
        var flowers = GridExpander.expand(withSyntheticData("paper-flowers.yaml")).get(0).spec().training();
        assertThat(flowers.augmentation().toString()).isEqualTo("resizedcrop+flip");
    }
}

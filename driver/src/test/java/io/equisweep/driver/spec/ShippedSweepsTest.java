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
        String yaml = Files.readString(SWEEPS.resolve(file));
        String synthetic = yaml.replaceAll("(?s)\ndataset:\n.*?\ngrid:", "\ndataset: {name: synthetic}\ngrid:");
        return SpecReader.parse(synthetic, file, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"quick.yaml, 8", "paper-mnist.yaml, 160", "paper-mnist-small.yaml, 32", "paper-cifar.yaml, 36",
        "bench-efficiency.yaml, 8"})
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
}

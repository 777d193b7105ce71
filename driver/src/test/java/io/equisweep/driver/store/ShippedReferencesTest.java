package io.equisweep.driver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedReferencesTest {
    static final Path REFERENCE = Path.of("..", "sweeps", "reference");

    @TempDir
    Path dir;

    @Test
    void theListIsTheFolderAndTheJarCarriesEveryFileAsItIs() throws Exception {
        try (Stream<Path> files = Files.list(REFERENCE)) {
            assertThat(ShippedReferences.NAMES).containsExactlyInAnyOrderElementsOf(
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).toList());
        }
        for (String name : ShippedReferences.NAMES) {
            assertThat(ShippedReferences.read(name)).isEqualTo(Files.readString(REFERENCE.resolve(name)));
        }
    }

    @Test
    void theyAreKeptBesideTheResultsOnceAndReadBack() {
        try (SparkSession spark = SparkSessions.create("references", "local[1]")) {
            ResultStore store = new ResultStore(spark, dir.toString());
            assertThat(store.reference("paper-mnist.csv")).isNull();
            ShippedReferences.keepBeside(store, System.err);
            assertThat(store.reference("paper-mnist.csv")).isEqualTo(ShippedReferences.read("paper-mnist.csv"));
            assertThat(dir.resolve(ResultStore.REFERENCE).resolve("paper-mnist.csv")).isRegularFile();
        }
    }
}

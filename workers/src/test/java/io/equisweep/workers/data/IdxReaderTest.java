package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] pixels(int n, int size) {
        byte[] p = new byte[n * size * size];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 31);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"images.idx", "images.idx.gz"})
    void roundTripsPlainAndGzip(String name) throws IOException {
        Path images = dir.resolve(name);
        Path labels = dir.resolve(name.replace("images", "labels"));
        IdxReader.writeImages(images, pixels(7, 5), 7, 5, 5);
        IdxReader.writeLabels(labels, new byte[] {0, 1, 2, 3, 4, 5, 9});
        IdxReader.Images read = IdxReader.readImages(images);
        assertThat(read.count()).isEqualTo(7);
        assertThat(read.rows()).isEqualTo(5);
        assertThat(read.pixels()).containsExactly(pixels(7, 5));
        assertThat(IdxReader.readLabels(labels)).containsExactly(0, 1, 2, 3, 4, 5, 9);
        // Compression is recognised by content, whatever the name says.
        Path renamed = dir.resolve("renamed");
        Files.copy(images, renamed);
        assertThat(IdxReader.readImages(renamed).pixels()).containsExactly(pixels(7, 5));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private byte[] validImages() throws IOException {
        Path p = dir.resolve("valid");
        IdxReader.writeImages(p, pixels(3, 4), 3, 4, 4);
        return Files.readAllBytes(p);
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> IdxReader.readImages(dir.resolve("nope.gz")))
                .isInstanceOf(DatasetException.class).hasMessageEndingWith("nope.gz: no such file");
    }

    @Test
    void labelFileGivenAsImages() throws IOException {
        Path labels = dir.resolve("labels");
        IdxReader.writeLabels(labels, new byte[] {1, 2});
        assertThatThrownBy(() -> IdxReader.readImages(labels)).hasMessageContaining(
                "labels: wrong magic number 0x00000801, expected 0x00000803 (an IDX image file: unsigned bytes, 3 dimensions); this is a label file");
    }

    @Test
    void imageFileGivenAsLabels() throws IOException {
        Path images = write("images", validImages());
        assertThatThrownBy(() -> IdxReader.readLabels(images)).hasMessageContaining("; this is an image file");
    }

    @Test
    void notAnIdxFileAtAll() throws IOException {
        Path png = write("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(png)).hasMessageContaining("picture.png: wrong magic number 0x89504E47");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path p = write("short", Arrays.copyOf(validImages(), 10));
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageEndingWith("short: truncated: the file ends inside its header");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] valid = validImages();
        Path p = write("cut", Arrays.copyOf(valid, valid.length - 5));
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageEndingWith(
                "cut: truncated: the header announces 3 images of 4×4 (48 bytes of data) but the file ends after 43");
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] valid = validImages();
        Path p = write("long", Arrays.copyOf(valid, valid.length + 3));
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageEndingWith("long: 3 unexpected bytes after the data the header announces");
    }

    @Test
    void implausibleHeader() throws IOException {
        byte[] header = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(-5).putInt(28).putInt(28).array();
        Path p = write("negative", header);
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageEndingWith("negative: implausible header: -5 images of 28×28");
    }

    @Test
    void corruptGzip() throws IOException {
        Path gz = dir.resolve("images.gz");
        IdxReader.writeImages(gz, pixels(50, 10), 50, 10, 10);
        byte[] bytes = Files.readAllBytes(gz);
        for (int i = 20; i < bytes.length - 10; i += 7) {
            bytes[i] ^= 0x5A;
        }
        Files.write(gz, bytes);
        assertThatThrownBy(() -> IdxReader.readImages(gz)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("images.gz: ");
    }

    @Test
    void countMismatchNonSquareAndBadLabelsAreCaughtByTheDataset() throws IOException {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        IdxReader.writeImages(images, pixels(3, 4), 3, 4, 4);
        IdxReader.writeLabels(labels, new byte[] {1, 2});
        assertThatThrownBy(() -> IdxDataset.read(images, labels, 10))
                .hasMessage(images + " holds 3 images but " + labels + " holds 2 labels");
        IdxReader.writeLabels(labels, new byte[] {1, 2, 12});
        assertThatThrownBy(() -> IdxDataset.read(images, labels, 10))
                .hasMessage(labels + ": label 12 at index 2 is not below the number of classes, 10");
        Path wide = dir.resolve("wide");
        IdxReader.writeImages(wide, new byte[3 * 4 * 5], 3, 4, 5);
        IdxReader.writeLabels(labels, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> IdxDataset.read(wide, labels, 10))
                .hasMessageContaining("images are 4×5; equisweep needs square images");
    }
}

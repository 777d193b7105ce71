package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
                "labels: not an IDX image file: magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions); this is an IDX label file");
    }

    @Test
    void imageFileGivenAsLabels() throws IOException {
        Path images = write("images", validImages());
        assertThatThrownBy(() -> IdxReader.readLabels(images)).hasMessageContaining("; this is an IDX image file");
    }

    @Test
    void notAnIdxFileAtAll() throws IOException {
        Path png = write("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(png)).hasMessageContaining("picture.png: not an IDX image file: magic number 0x89504E47");
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
        assertThatThrownBy(() -> IdxReader.readImages(p)).hasMessageEndingWith(
                "long: 3 unexpected bytes after the data the header announces (3 images of 4×4, 48 bytes)");
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


    // Header checks: what the spec read runs, on plain and gzip files alike. Loading gives the same message.

    /** Writes {@code content} as {@code name}, or gzip-compressed as {@code name.gz}. */
    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        if (!gzip) {
            return write(name, content);
        }
        Path p = dir.resolve(name + ".gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    private byte[] validLabels() throws IOException {
        Path p = dir.resolve("valid-labels");
        IdxReader.writeLabels(p, new byte[] {1, 2, 3});
        return Files.readAllBytes(p);
    }

    /** Both the header check and the loader fail on {@code file} with exactly {@code message} after the file's name. */
    private static void bothFail(ThrowingCallable check, ThrowingCallable load, Path file, String message) {
        assertThatThrownBy(check).isInstanceOf(DatasetException.class).hasMessage(file + ": " + message);
        assertThatThrownBy(load).isInstanceOf(DatasetException.class).hasMessage(file + ": " + message);
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void headerCheckFindsAWrongMagicNumber(boolean gzip) throws IOException {
        Path labelsAsImages = write("train-images-idx3-ubyte", validLabels(), gzip);
        bothFail(() -> IdxReader.checkImages(labelsAsImages), () -> IdxReader.readImages(labelsAsImages), labelsAsImages,
                "not an IDX image file: magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions); "
                        + "this is an IDX label file");
        Path imagesAsLabels = write("train-labels-idx1-ubyte", validImages(), gzip);
        bothFail(() -> IdxReader.checkLabels(imagesAsLabels), () -> IdxReader.readLabels(imagesAsLabels), imagesAsLabels,
                "not an IDX label file: magic number 0x00000803, expected 0x00000801 (unsigned bytes, 1 dimension); "
                        + "this is an IDX image file");
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void headerCheckFindsTruncatedFiles(boolean gzip) throws IOException {
        byte[] images = validImages();
        Path cutImages = write("images", Arrays.copyOf(images, images.length - 5), gzip);
        String uncompressed = gzip ? " (uncompressed)" : "";
        bothFail(() -> IdxReader.checkImages(cutImages), () -> IdxReader.readImages(cutImages), cutImages,
                "truncated: the header announces 3 images of 4×4 (48 bytes of data) but the file ends after 43" + uncompressed);
        byte[] labels = validLabels();
        Path cutLabels = write("labels", Arrays.copyOf(labels, labels.length - 1), gzip);
        bothFail(() -> IdxReader.checkLabels(cutLabels), () -> IdxReader.readLabels(cutLabels), cutLabels,
                "truncated: the header announces 3 labels (3 bytes of data) but the file ends after 2" + uncompressed);
        Path headerOnly = write("header-only", Arrays.copyOf(images, 16), gzip);
        bothFail(() -> IdxReader.checkImages(headerOnly), () -> IdxReader.readImages(headerOnly), headerOnly,
                "truncated: the header announces 3 images of 4×4 (48 bytes of data) but the file ends after 0" + uncompressed);
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void headerCheckFindsTrailingBytes(boolean gzip) throws IOException {
        byte[] images = validImages();
        Path longImages = write("images", Arrays.copyOf(images, images.length + 3), gzip);
        bothFail(() -> IdxReader.checkImages(longImages), () -> IdxReader.readImages(longImages), longImages,
                "3 unexpected bytes after the data the header announces (3 images of 4×4, 48 bytes)");
        byte[] labels = validLabels();
        Path longLabels = write("labels", Arrays.copyOf(labels, labels.length + 1), gzip);
        bothFail(() -> IdxReader.checkLabels(longLabels), () -> IdxReader.readLabels(longLabels), longLabels,
                "1 unexpected bytes after the data the header announces (3 labels, 3 bytes)");
    }

    /** A download cut short: the gzip stream itself breaks off (what the ISIZE trailer could not tell). */
    @Test
    void headerCheckFindsACutGzipStream() throws IOException {
        byte[] noise = new byte[50 * 10 * 10];
        new Random(1).nextBytes(noise);          // incompressible, so half the file is half the data
        Path full = dir.resolve("images.gz");
        IdxReader.writeImages(full, noise, 50, 10, 10);
        byte[] gz = Files.readAllBytes(full);
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.checkImages(cut)).isInstanceOf(DatasetException.class).hasMessageStartingWith(
                cut + ": truncated: the header announces 50 images of 10×10 (5000 bytes of data) but the gzip stream "
                        + "breaks off after ").hasMessageEndingWith(" of them (an interrupted download?)");
        assertThatThrownBy(() -> IdxReader.readImages(cut)).hasMessageContaining("gzip stream breaks off");
        Path noTrailer = write("no-trailer.gz", Arrays.copyOf(gz, gz.length - 8));
        assertThatThrownBy(() -> IdxReader.checkImages(noTrailer)).hasMessageContaining("no-trailer.gz: truncated: ")
                .hasMessageContaining("gzip stream breaks off after 5000 of them");
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void headerCheckOfAValidPairGivesTheCount(boolean gzip) throws IOException {
        Path images = write("images", validImages(), gzip);
        Path labels = write("labels", validLabels(), gzip);
        assertThat(IdxReader.checkImages(images)).isEqualTo(new IdxReader.ImagesHeader(3, 4, 4));
        assertThat(IdxReader.checkLabels(labels)).isEqualTo(3);
        assertThat(IdxDataset.checkedCount(images, labels)).isEqualTo(3);
    }

    @ParameterizedTest(name = "gzip: {0}")
    @ValueSource(booleans = {false, true})
    void headerCheckFindsACountMismatchAndNonSquareImages(boolean gzip) throws IOException {
        Path images = write("images", validImages(), gzip);
        Path twoLabels = dir.resolve(gzip ? "two.gz" : "two");
        IdxReader.writeLabels(twoLabels, new byte[] {1, 2});
        assertThatThrownBy(() -> IdxDataset.checkedCount(images, twoLabels))
                .hasMessage(images + " holds 3 images but " + twoLabels + " holds 2 labels");
        Path wide = dir.resolve(gzip ? "wide.gz" : "wide");
        IdxReader.writeImages(wide, new byte[3 * 4 * 5], 3, 4, 5);
        Path labels = write("labels", validLabels(), gzip);
        assertThatThrownBy(() -> IdxDataset.checkedCount(wide, labels)).hasMessage(
                wide + ": images are 4×5; equisweep needs square images (rotations by 90° must map the grid to itself)");
    }

    /** The check reads the header and the file's length only: 3 GB of (sparse) images take no time and no memory. */
    @Test
    void headerCheckOfAPlainFileDoesNotReadTheData() throws IOException {
        Path big = dir.resolve("big");
        byte[] header = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(3_000).putInt(1_000).putInt(1_000).array();
        Files.write(big, header);
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(16 + 3_000_000_000L);
        }
        assertThat(IdxReader.checkImages(big)).isEqualTo(new IdxReader.ImagesHeader(3_000, 1_000, 1_000));
        assertThatThrownBy(() -> IdxReader.readImages(big)).hasMessage(
                big + ": too large to load: the header announces 3000 images of 1000×1000");
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

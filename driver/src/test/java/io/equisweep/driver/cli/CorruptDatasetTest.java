package io.equisweep.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.data.IdxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed dataset files are found when the spec is read, from their headers and lengths: {@code run}
 * exits 2 naming the file and the problem, before Spark starts, and creates no results folder.
 */
@Timeout(60)   // a case that is accidentally valid would start real training
class CorruptDatasetTest {
    @TempDir
    Path dir;
    private Path images;
    private Path labels;

    @BeforeEach
    void validPair() throws IOException {
        images = dir.resolve("train-images-idx3-ubyte.gz");
        labels = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxReader.writeImages(images, new byte[12 * 28 * 28], 12, 28, 28);
        IdxReader.writeLabels(labels, new byte[12]);
    }

    /** Runs a sweep over {@code trainImages}/{@code trainLabels}; checks exit 2, the message, and no results folder. */
    private void failsAtSpecRead(Path trainImages, Path trainLabels, String message) throws IOException {
        failsAtSpecRead("{name: idx, options: {trainImages: " + trainImages + ", trainLabels: " + trainLabels
                + ", validationSize: 2, testSize: 2}}", message);
    }

    private void failsAtSpecRead(String dataset, String message) throws IOException {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: a\ndataset: " + dataset + "\ngrid: {architecture: z2cnn, inputSize: 28}\n");
        Path out = dir.resolve("results");
        CliRunner r = CliRunner.run("run", spec.toString(), "--master", "local[1]", "--output", out.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("dataset: " + message);
        assertThat(out).as("no results folder").doesNotExist();
    }

    /** The pair the cases below corrupt passes the spec read: {@code plan} (which starts no Spark) accepts it. */
    @Test
    void theValidPairPasses() throws IOException {
        Path spec = dir.resolve("ok.yaml");
        Files.writeString(spec, "name: a\ndataset: {name: idx, options: {trainImages: " + images + ", trainLabels: " + labels
                + ", validationSize: 2, testSize: 2}}\ngrid: {architecture: z2cnn, inputSize: 28}\n");
        CliRunner r = CliRunner.run("plan", spec.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    @Test
    void wrongMagicNumber() throws IOException {
        failsAtSpecRead(labels, labels, labels + ": not an IDX image file: magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void truncatedImages() throws IOException {
        byte[] content = gunzip(images);
        Path cut = dir.resolve("cut-images.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(cut))) {
            out.write(Arrays.copyOf(content, content.length - 100));
        }
        failsAtSpecRead(cut, labels, cut + ": truncated: the header announces 12 images of 28×28 (9408 bytes of data) "
                + "but the file ends after 9308 (uncompressed)");
    }

    @Test
    void aDownloadCutShort() throws IOException {
        Path plain = dir.resolve("images.idx");
        byte[] noise = new byte[12 * 28 * 28];
        new java.util.Random(7).nextBytes(noise);
        IdxReader.writeImages(plain, noise, 12, 28, 28);
        Path gz = dir.resolve("noise.gz");
        IdxReader.writeImages(gz, noise, 12, 28, 28);
        byte[] compressed = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(compressed, compressed.length / 2));
        failsAtSpecRead(cut, labels, cut + ": truncated: the header announces 12 images of 28×28 (9408 bytes of data) "
                + "but the gzip stream breaks off after ");
        Path cutPlain = dir.resolve("cut.idx");
        Files.write(cutPlain, Arrays.copyOf(Files.readAllBytes(plain), 16 + 5000));
        failsAtSpecRead(cutPlain, labels, cutPlain + ": truncated: the header announces 12 images of 28×28 "
                + "(9408 bytes of data) but the file ends after 5000");
    }

    @Test
    void countMismatch() throws IOException {
        Path eleven = dir.resolve("eleven-labels.gz");
        IdxReader.writeLabels(eleven, new byte[11]);
        failsAtSpecRead(images, eleven, images + " holds 12 images but " + eleven + " holds 11 labels");
    }

    @Test
    void cifar100FilesOfTheWrongLength() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Path train = folder.resolve("train.bin");
        Files.write(folder.resolve("test.bin"), new byte[2 * 3074]);
        String dataset = "{name: cifar100, options: {dir: " + folder + ", validationSize: 2}}";
        Files.write(train, new byte[6 * 3073]);
        failsAtSpecRead(dataset, train + ": 18438 bytes is not a whole number of 3074-byte CIFAR-100 records (truncated "
                + "or not a CIFAR-100 binary file); its length is a whole number of 3073-byte CIFAR-10 records: use dataset cifar10");
        Files.write(train, new byte[6 * 3074 - 1]);
        failsAtSpecRead(dataset, train + ": 18443 bytes is not a whole number of 3074-byte CIFAR-100 records (truncated "
                + "or not a CIFAR-100 binary file)");
        Files.delete(train);
        failsAtSpecRead(dataset, train + ": no such file. CIFAR-100's binary version");
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}

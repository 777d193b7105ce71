package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** A batch file in the real format: label byte, then 3072 pixel bytes, per record. */
    static Path writeBatch(Path file, int records, int labelOffset) throws IOException {
        byte[] data = new byte[records * CifarReader.CIFAR10.recordBytes()];
        for (int r = 0; r < records; r++) {
            data[r * CifarReader.CIFAR10.recordBytes()] = (byte) ((r + labelOffset) % 10);
            for (int p = 1; p < CifarReader.CIFAR10.recordBytes(); p++) {
                data[r * CifarReader.CIFAR10.recordBytes() + p] = (byte) (r + p);
            }
        }
        Files.write(file, data);
        return file;
    }

    @Test
    void readsRecordsInOrderAcrossFiles() throws IOException {
        Path a = writeBatch(dir.resolve("a.bin"), 3, 0);
        Path b = writeBatch(dir.resolve("b.bin"), 2, 7);
        CifarReader.Batch batch = CifarReader.read(List.of(a, b), CifarReader.CIFAR10);
        assertThat(batch.count()).isEqualTo(5);
        assertThat(batch.labels()).containsExactly(0, 1, 2, 7, 8);
        assertThat(batch.pixels()).hasSize(5 * 3072);
        assertThat(batch.pixels()[0]).isEqualTo((byte) 1);          // record 0, red plane, first pixel
        assertThat(batch.pixels()[3072 * 3 + 1]).isEqualTo((byte) 2); // record 3 (b's first), second byte
    }

    @Test
    void corruptBatchesFailWithTheFileAndTheProblem() throws IOException {
        byte[] valid = Files.readAllBytes(writeBatch(dir.resolve("v.bin"), 2, 0));
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(valid, valid.length - 100));
        assertThatThrownBy(() -> CifarReader.read(List.of(truncated), CifarReader.CIFAR10)).hasMessageContaining(
                "truncated.bin: 6046 bytes is not a whole number of 3073-byte CIFAR-10 records");
        Path empty = dir.resolve("empty.bin");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> CifarReader.read(List.of(empty), CifarReader.CIFAR10)).hasMessageContaining("empty.bin: 0 bytes");
        byte[] badLabel = valid.clone();
        badLabel[3073] = 42;
        Path labels = dir.resolve("label.bin");
        Files.write(labels, badLabel);
        assertThatThrownBy(() -> CifarReader.read(List.of(labels), CifarReader.CIFAR10)).hasMessageContaining(
                "label.bin: record 1 has label 42, outside 0–9");
        assertThatThrownBy(() -> CifarReader.read(List.of(dir.resolve("missing.bin")), CifarReader.CIFAR10))
                .hasMessageEndingWith("missing.bin: no such file");
        Path cifar100 = dir.resolve("cifar100.bin");
        Files.write(cifar100, new byte[2 * 3074]);
        assertThatThrownBy(() -> CifarReader.read(List.of(cifar100), CifarReader.CIFAR10)).hasMessageContaining(
                "cifar100.bin: 6148 bytes is not a whole number of 3073-byte CIFAR-10 records");
        Path gzipped = dir.resolve("data_batch_1.bin.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(valid);
        }
        assertThatThrownBy(() -> CifarReader.read(List.of(gzipped), CifarReader.CIFAR10)).hasMessageContaining(
                "data_batch_1.bin.gz: ").hasMessageContaining("not a whole number of 3073-byte CIFAR-10 records");
        Path extra = dir.resolve("extra.bin");
        Files.write(extra, Arrays.copyOf(valid, valid.length + 1));
        assertThatThrownBy(() -> CifarReader.read(List.of(extra), CifarReader.CIFAR10)).hasMessageContaining("extra.bin: 6147 bytes");
    }

    @Test
    void theCifar10DatasetSplitsTheFolder() throws IOException {
        for (String name : CifarReader.CIFAR10_TRAIN_FILES) {
            writeBatch(dir.resolve(name), 4, name.charAt(11));
        }
        writeBatch(dir.resolve(CifarReader.CIFAR10_TEST_FILE), 6, 3);
        var source = Datasets.get("cifar10");
        var spec = new io.equisweep.workers.cell.DatasetSpec("cifar10",
                java.util.Map.of("dir", dir.toString(), "trainSize", "all", "validationSize", "5", "testSize", "all", "seed", "1"));
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(15, 5, 6));
        DatasetSplits splits = source.load(spec);
        assertThat(splits.train().channels()).isEqualTo(3);
        assertThat(splits.train().size()).isEqualTo(32);
        assertThat(splits.test().count()).isEqualTo(6);
        assertThat(splits.test().label(0)).isEqualTo(3);
        Files.delete(dir.resolve("data_batch_3.bin"));
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessageContaining("data_batch_3.bin: no such file. CIFAR-10's binary version");
    }

    /** A batch of the wrong length is reported by splitSizes, what the driver calls when it reads a spec. */
    @Test
    void splitSizesCatchesABatchOfTheWrongLength() throws IOException {
        for (String name : CifarReader.CIFAR10_TRAIN_FILES) {
            writeBatch(dir.resolve(name), 4, 0);
        }
        writeBatch(dir.resolve(CifarReader.CIFAR10_TEST_FILE), 6, 0);
        var source = Datasets.get("cifar10");
        var spec = new io.equisweep.workers.cell.DatasetSpec("cifar10",
                java.util.Map.of("dir", dir.toString(), "trainSize", "all", "validationSize", "5", "testSize", "all", "seed", "1"));
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(15, 5, 6));

        Path batch4 = dir.resolve("data_batch_4.bin");
        Files.write(batch4, Arrays.copyOf(Files.readAllBytes(batch4), 4 * 3073 - 1));
        assertThatThrownBy(() -> source.splitSizes(spec)).isInstanceOf(DatasetException.class).hasMessage(batch4
                + ": 12291 bytes is not a whole number of 3073-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch)");
        assertThatThrownBy(() -> source.load(spec)).hasMessageStartingWith(batch4 + ": 12291 bytes is not a whole number");
        writeBatch(batch4, 4, 0);

        Path test = dir.resolve(CifarReader.CIFAR10_TEST_FILE);
        Files.write(test, new byte[6 * 3073 + 5]);
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessageStartingWith(
                test + ": 18443 bytes is not a whole number of 3073-byte CIFAR-10 records");
        Files.write(test, new byte[0]);
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessage(
                test + ": 0 bytes, but a CIFAR-10 batch holds one or more 3073-byte records");
    }
}

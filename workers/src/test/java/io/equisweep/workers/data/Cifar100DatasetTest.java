package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.CellRunner;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.EpochFitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100DatasetTest {
    private static final int RECORD = 3074;

    @TempDir
    Path dir;

    /** A file in the real format: coarse label byte, fine label byte, 3072 pixel bytes, per record; fine = i mod 100. */
    static Path writeFile(Path file, int records, int seed) throws IOException {
        byte[] data = new byte[records * RECORD];
        for (int r = 0; r < records; r++) {
            int fine = (r + seed) % 100;
            data[r * RECORD] = (byte) (fine / 5);
            data[r * RECORD + 1] = (byte) fine;
            for (int p = 2; p < RECORD; p++) {
                data[r * RECORD + p] = (byte) (r * 7 + p * (fine + 1));
            }
        }
        Files.write(file, data);
        return file;
    }

    private DatasetSpec spec(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Datasets.get("cifar100").optionDefaults());
        options.putAll(Map.of("dir", dir.toString(), "validationSize", "10", "seed", "1"));
        options.putAll(extra);
        return new DatasetSpec("cifar100", options);
    }

    @Test
    void readsFineLabelsByDefaultAndCoarseOnesAsAnOption() throws IOException {
        writeFile(dir.resolve("train.bin"), 250, 0);
        writeFile(dir.resolve("test.bin"), 30, 42);
        DatasetSource source = Datasets.get("cifar100");
        assertThat(source.optionDefaults()).containsEntry("labels", "fine")
                .containsEntry("dir", Datasets.DATA_HOME.resolve("cifar-100-binary").toString());
        DatasetSpec fine = spec(Map.of());
        DatasetSpec coarse = spec(Map.of("labels", "coarse"));
        assertThat(source.classes(fine)).isEqualTo(100);
        assertThat(source.classes(coarse)).isEqualTo(20);
        assertThat(source.channels(fine)).isEqualTo(3);
        assertThat(source.splitSizes(fine)).isEqualTo(new SplitSizes(240, 10, 30));

        DatasetSplits f = source.load(fine);
        DatasetSplits c = source.load(coarse);
        assertThat(f.test().label(0)).isEqualTo(42);
        assertThat(c.test().label(0)).isEqualTo(42 / 5);
        assertThat(f.test().classes()).isEqualTo(100);
        assertThat(c.train().classes()).isEqualTo(20);
        // The same images in the same split order, whichever label is read.
        assertThat(((ImageSet) c.train()).pixels()).isEqualTo(((ImageSet) f.train()).pixels());
        for (int i = 0; i < f.train().count(); i++) {
            assertThat(c.train().label(i)).isEqualTo(f.train().label(i) / 5);
        }
        // Pixel bytes of test record 0 (fine 42): byte p (from 2) holds (0·7 + p·43) mod 256, scaled to [0, 1].
        assertThat(((ImageSet) f.test()).pixels()[0]).isEqualTo(((2 * 43) & 0xff) / 255f);
        assertThat(f.test().size()).isEqualTo(32);
        assertThat(source.identity(fine)).isNotEqualTo(source.identity(coarse)).startsWith("cifar100/train.bin:");
    }

    @Test
    void theLabelsOptionIsValidatedWhenTheSpecIsRead() {
        DatasetSource source = Datasets.get("cifar100");
        assertThat(source.validate(Map.of("labels", "coarse"))).isEmpty();
        assertThat(source.validate(Map.of("labels", "superclass"))).containsExactly(
                "option 'labels' must be 'fine' (100 classes) or 'coarse' (20 superclasses), got 'superclass'");
        assertThat(source.validate(Map.of("label", "fine"))).singleElement().asString()
                .startsWith("unknown option 'label' for dataset cifar100; valid: dir, labels, trainSize");
    }

    @Test
    void malformedFilesFailNamingTheFile() throws IOException {
        Path train = writeFile(dir.resolve("train.bin"), 20, 0);
        Path test = dir.resolve("test.bin");
        DatasetSource source = Datasets.get("cifar100");
        DatasetSpec spec = spec(Map.of());
        assertThatThrownBy(() -> source.splitSizes(spec)).isInstanceOf(DatasetException.class)
                .hasMessage(test + ": no such file");
        Files.delete(train);
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessageStartingWith(train
                + ": no such file. CIFAR-100's binary version (cifar-100-binary.tar.gz");

        writeFile(train, 20, 0);
        writeFile(test, 5, 0);
        byte[] valid = Files.readAllBytes(train);
        Files.write(train, Arrays.copyOf(valid, valid.length - 10));
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessage(train + ": 61470 bytes is not a whole number of "
                + "3074-byte CIFAR-100 records (truncated or not a CIFAR-100 binary file)");
        Files.write(train, new byte[0]);
        assertThatThrownBy(() -> source.splitSizes(spec)).hasMessage(train
                + ": 0 bytes, but a CIFAR-100 file holds one or more 3074-byte records");

        byte[] badFine = valid.clone();
        badFine[3 * RECORD + 1] = (byte) 142;
        Files.write(train, badFine);
        assertThat(source.splitSizes(spec)).isEqualTo(new SplitSizes(10, 10, 5));
        assertThatThrownBy(() -> source.load(spec)).hasMessage(train + ": record 3 has fine label 142, outside 0–99 "
                + "(not a CIFAR-100 file? CIFAR-10 records are 3073 bytes, read by dataset cifar10)");
        byte[] badCoarse = valid.clone();
        badCoarse[5 * RECORD] = 20;
        Files.write(train, badCoarse);
        assertThatThrownBy(() -> source.load(spec)).hasMessageStartingWith(train + ": record 5 has coarse label 20, outside 0–19");
    }

    @Test
    void cifar10FilesGivenToCifar100AndTheReverseAreNamedAsSuch() throws IOException {
        // 6 CIFAR-10 records: 18,438 bytes, a whole number of 3073-byte records but not of 3074-byte ones.
        Path cifar10 = Cifar10ReaderTest.writeBatch(dir.resolve("data_batch_1.bin"), 6, 0);
        assertThatThrownBy(() -> CifarReader.read(List.of(cifar10), CifarReader.CIFAR100_FINE)).hasMessage(cifar10
                + ": 18438 bytes is not a whole number of 3074-byte CIFAR-100 records (truncated or not a CIFAR-100 binary "
                + "file); its length is a whole number of 3073-byte CIFAR-10 records: use dataset cifar10");
        Path cifar100 = writeFile(dir.resolve("train.bin"), 6, 0);
        assertThatThrownBy(() -> CifarReader.read(List.of(cifar100), CifarReader.CIFAR10)).hasMessage(cifar100
                + ": 18444 bytes is not a whole number of 3073-byte CIFAR-10 records (truncated or not a CIFAR-10 binary "
                + "batch); its length is a whole number of 3074-byte CIFAR-100 records: use dataset cifar100");
        // A CIFAR-10 batch of 3074 records has a length that fits both: its pixels then fail as labels.
        Path both = Cifar10ReaderTest.writeBatch(dir.resolve("both.bin"), 3074, 0);
        assertThatThrownBy(() -> CifarReader.read(List.of(both), CifarReader.CIFAR100_FINE))
                .hasMessageContaining("both.bin: record ")
                .hasMessageContaining("(not a CIFAR-100 file? CIFAR-10 records are 3073 bytes, read by dataset cifar10)");
    }

    /** A cifar100 cell end to end: files on disk, fine labels, random crop and flip, one-cycle, through CellRunner. */
    @Test
    void aTinyCifar100CellTrainsWithAugmentation() throws IOException {
        writeFile(dir.resolve("train.bin"), 140, 0);
        writeFile(dir.resolve("test.bin"), 40, 3);
        DatasetSpec data = spec(Map.of("validationSize", "20", "trainSize", "120"));
        TrainingSpec training = new TrainingSpec(2, 32, Optimizer.ADAM, 1e-3, 0, 1e-5, LearningRateSchedule.oneCycle(), 0,
                TrainingMode.SINGLE, 5, 1.0, new Augmentation(4, true), 0, false);
        CellSpec cell = new CellSpec("c100", "z2cnn", 32, "upright", 1, data, training,
                new EvaluationSpec(List.of(0.0, 90.0), false));
        CellResult r = CellRunner.run(cell, Datasets.loader(data), EpochFitter.LOCAL);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.epochs()).hasSize(2);
        assertThat(r.epochs().get(0).learningRate()).isCloseTo(1e-3 / 25, org.assertj.core.api.Assertions.within(1e-18));
        assertThat(r.epochs()).allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
    }
}

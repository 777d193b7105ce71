package io.equisweep.workers.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CIFAR-10 binary batches: records of one label byte (0–9) followed by 3 × 32 × 32 unsigned
 * bytes (red, green, blue planes, rows top to bottom). Every problem names the file.
 */
public final class Cifar10Reader {
    public static final int SIZE = 32;
    public static final int CHANNELS = 3;
    public static final int CLASSES = 10;
    static final int RECORD = 1 + CHANNELS * SIZE * SIZE;
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";

    private Cifar10Reader() {
    }

    /** Labels and pixels (N × 3 × 32 × 32) of one or more batch files, in order. */
    public record Batch(byte[] labels, byte[] pixels) {
        public int count() {
            return labels.length;
        }
    }

    public static Batch read(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            total += recordCount(file);
        }
        if (total > Integer.MAX_VALUE / RECORD) {
            throw new DatasetException(files + ": too many records (" + total + ")");
        }
        byte[] labels = new byte[(int) total];
        byte[] pixels = new byte[(int) total * (RECORD - 1)];
        int at = 0;
        for (Path file : files) {
            byte[] data;
            try {
                data = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
            }
            int n = data.length / RECORD;
            for (int i = 0; i < n; i++) {
                int label = data[i * RECORD] & 0xff;
                if (label >= CLASSES) {
                    throw new DatasetException(file + ": record " + i + " has label " + label
                            + ", outside 0–9 (not a CIFAR-10 batch? CIFAR-100 records are 3074 bytes)");
                }
                labels[at] = (byte) label;
                System.arraycopy(data, i * RECORD + 1, pixels, at * (RECORD - 1), RECORD - 1);
                at++;
            }
        }
        return new Batch(labels, pixels);
    }

    /** Records in a batch file, from its length alone; a length that is not a positive multiple of the record size fails. */
    static long recordCount(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new DatasetException(file + ": 0 bytes, but a CIFAR-10 batch holds one or more " + RECORD + "-byte records");
        }
        if (size % RECORD != 0) {
            throw new DatasetException(file + ": " + size + " bytes is not a whole number of " + RECORD
                    + "-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch)");
        }
        return size / RECORD;
    }
}

package io.equisweep.workers.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100: records of label bytes followed by 3 × 32 × 32 unsigned
 * bytes (red, green, blue planes, rows top to bottom), laid out as a {@link Layout} says. Every problem names the file.
 */
public final class CifarReader {
    public static final int SIZE = 32;
    public static final int CHANNELS = 3;
    static final int IMAGE = CHANNELS * SIZE * SIZE;

    /** CIFAR-10: one label byte (0–9). */
    public static final Layout CIFAR10 = new Layout("CIFAR-10", "batch", "cifar10", List.of("label"), List.of(10), 0);
    /** CIFAR-100: a coarse (0–19) then a fine (0–99) label byte; the fine one is the label. */
    public static final Layout CIFAR100_FINE = new Layout("CIFAR-100", "file", "cifar100",
            List.of("coarse label", "fine label"), List.of(20, 100), 1);
    /** CIFAR-100 with its 20 coarse classes (superclasses) as the label. */
    public static final Layout CIFAR100_COARSE = new Layout("CIFAR-100", "file", "cifar100",
            List.of("coarse label", "fine label"), List.of(20, 100), 0);

    public static final List<String> CIFAR10_TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String CIFAR10_TEST_FILE = "test_batch.bin";
    public static final String CIFAR100_TRAIN_FILE = "train.bin";
    public static final String CIFAR100_TEST_FILE = "test.bin";

    /**
     * A record layout: the label bytes before the pixels, each with its name and class count, and which of them is
     * the label read.
     *
     * @param format  the data set's name in messages
     * @param unit    what one of its files is called
     * @param dataset its equisweep dataset name
     */
    public record Layout(String format, String unit, String dataset, List<String> labelNames, List<Integer> labelClasses,
                         int label) {
        public Layout {
            labelNames = List.copyOf(labelNames);
            labelClasses = List.copyOf(labelClasses);
            if (labelNames.size() != labelClasses.size() || label < 0 || label >= labelNames.size()) {
                throw new IllegalArgumentException("a label per name and class count, and the label among them");
            }
        }

        public int recordBytes() {
            return labelNames.size() + IMAGE;
        }

        public int classes() {
            return labelClasses.get(label);
        }

        /** The other CIFAR layout, whose files are the likely mix-up. */
        Layout sibling() {
            return labelNames.size() == 1 ? CIFAR100_FINE : CIFAR10;
        }
    }

    private CifarReader() {
    }

    /** Labels and pixels (N × 3 × 32 × 32) of one or more files, in order. */
    public record Batch(byte[] labels, byte[] pixels) {
        public int count() {
            return labels.length;
        }
    }

    public static Batch read(List<Path> files, Layout layout) {
        int record = layout.recordBytes();
        int labelBytes = record - IMAGE;
        long total = 0;
        for (Path file : files) {
            total += recordCount(file, layout);
        }
        if (total > Integer.MAX_VALUE / record) {
            throw new DatasetException(files + ": too many records (" + total + ")");
        }
        byte[] labels = new byte[(int) total];
        byte[] pixels = new byte[(int) total * IMAGE];
        int at = 0;
        for (Path file : files) {
            byte[] data;
            try {
                data = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
            }
            int n = data.length / record;
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < labelBytes; b++) {
                    int value = data[i * record + b] & 0xff;
                    if (value >= layout.labelClasses().get(b)) {
                        Layout other = layout.sibling();
                        throw new DatasetException(file + ": record " + i + " has " + layout.labelNames().get(b) + " "
                                + value + ", outside 0–" + (layout.labelClasses().get(b) - 1) + " (not a " + layout.format()
                                + " " + layout.unit() + "? " + other.format() + " records are " + other.recordBytes()
                                + " bytes, read by dataset " + other.dataset() + ")");
                    }
                }
                labels[at] = data[i * record + layout.label()];
                System.arraycopy(data, i * record + labelBytes, pixels, at * IMAGE, IMAGE);
                at++;
            }
        }
        return new Batch(labels, pixels);
    }

    /** Records in a file, from its length alone; a length that is not a positive multiple of the record size fails. */
    static long recordCount(Path file, Layout layout) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        int record = layout.recordBytes();
        if (size == 0) {
            throw new DatasetException(file + ": 0 bytes, but a " + layout.format() + " " + layout.unit()
                    + " holds one or more " + record + "-byte records");
        }
        if (size % record != 0) {
            Layout other = layout.sibling();
            String hint = size % other.recordBytes() == 0 ? "; its length is a whole number of " + other.recordBytes()
                    + "-byte " + other.format() + " records: use dataset " + other.dataset() : "";
            throw new DatasetException(file + ": " + size + " bytes is not a whole number of " + record + "-byte "
                    + layout.format() + " records (truncated or not a " + layout.format() + " binary " + layout.unit()
                    + ")" + hint);
        }
        return size / record;
    }
}

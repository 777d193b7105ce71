package io.equisweep.workers.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One PCam split: an {@code _x.h5} file holding dataset {@code x} (N × 96 × 96 × 3, 8-bit, RGB, height × width ×
 * channel) and a {@code _y.h5} file holding dataset {@code y} (N × 1 × 1 × 1, 8-bit labels 0 or 1), as
 * distributed. Read with jHDF (pure Java); images are read one at a time, never the whole file.
 */
final class PcamFiles {
    static final int SIZE = 96;
    static final int CHANNELS = 3;
    static final int IMAGE_BYTES = SIZE * SIZE * CHANNELS;

    private PcamFiles() {
    }

    /** The number of images, checked from the headers alone: datasets present, shapes, types and counts. */
    static int checkedCount(Path x, Path y) {
        int images;
        try (HdfFile file = open(x)) {
            images = check(x, dataset(file, x, "x"), new int[] {SIZE, SIZE, CHANNELS});
        }
        int labels;
        try (HdfFile file = open(y)) {
            labels = check(y, dataset(file, y, "y"), null);
        }
        if (images != labels) {
            throw new DatasetException(x + " holds " + images + " images but " + y + " holds " + labels + " labels");
        }
        return images;
    }

    /** The split, streamed: labels read now (one byte each, checked), images when asked for. */
    static Images open(Path x, Path y) {
        int count = checkedCount(x, y);
        byte[] labels;
        try (HdfFile file = open(y)) {
            labels = flatBytes(y, dataset(file, y, "y"));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new DatasetException(y + ": label " + (labels[i] & 0xff) + " at index " + i + " is not 0 or 1");
            }
        }
        HdfFile file = open(x);
        Dataset data = dataset(file, x, "x");
        if (data instanceof ContiguousDataset contiguous && data.getFilters().isEmpty()) {
            long address = contiguous.getDataAddress();
            file.close();
            return new Contiguous(x, channel(x), address, labels, count);
        }
        return new Sliced(x, file, data, labels, count);
    }

    private static HdfFile open(Path file) {
        if (!file.toFile().isFile()) {
            throw new DatasetException(file + ": no such file");
        }
        try {
            return new HdfFile(file);
        } catch (HdfException | IllegalArgumentException e) {
            throw new DatasetException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    private static Dataset dataset(HdfFile file, Path path, String name) {
        Node node;
        try {
            node = file.getChild(name);
        } catch (HdfException e) {
            throw new DatasetException(path + ": cannot read dataset '" + name + "': " + e.getMessage(), e);
        }
        if (!(node instanceof Dataset d)) {
            throw new DatasetException(path + ": no dataset '" + name + "'; the file holds " + file.getChildren().keySet());
        }
        return d;
    }

    /** The count (first dimension); the rest must equal {@code rest}, or (labels, {@code null}) be all 1. */
    private static int check(Path path, Dataset d, int[] rest) {
        int[] dims = d.getDimensions();
        boolean shape = dims.length >= 1 && (rest == null
                ? Arrays.stream(dims, 1, dims.length).allMatch(v -> v == 1)
                : Arrays.equals(Arrays.copyOfRange(dims, 1, dims.length), rest));
        if (!shape) {
            throw new DatasetException(path + ": dataset '" + d.getName() + "' has shape " + Arrays.toString(dims)
                    + ", expected " + (rest == null ? "[N, 1, 1, 1]" : "[N, " + SIZE + ", " + SIZE + ", " + CHANNELS + "]"));
        }
        if (!(d.getDataType() instanceof FixedPoint) || d.getDataType().getSize() != 1) {
            throw new DatasetException(path + ": dataset '" + d.getName() + "' holds " + d.getJavaType().getSimpleName()
                    + " values of " + d.getDataType().getSize() + " bytes, expected 8-bit integers (uint8)");
        }
        return dims[0];
    }

    private static byte[] flatBytes(Path path, Dataset d) {
        Object values;
        try {
            values = d.getDataFlat();
        } catch (HdfException e) {
            throw new DatasetException(path + ": cannot read dataset '" + d.getName() + "': " + e.getMessage(), e);
        }
        return asBytes(values);
    }

    /**
     * 8-bit values as bytes: jHDF returns signed 8-bit data as {@code byte[]} and unsigned (h5py's {@code uint8}, as
     * PCam's files hold) widened to {@code int[]}.
     */
    static byte[] asBytes(Object values) {
        if (values instanceof byte[] bytes) {
            return bytes;
        }
        int[] ints = (int[]) values;
        byte[] bytes = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) {
            bytes[i] = (byte) ints[i];
        }
        return bytes;
    }

    private static FileChannel channel(Path x) {
        try {
            return FileChannel.open(x, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new DatasetException(x + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Height × width × channel bytes to channel × height × width floats in [0, 1]. */
    static void toPlanes(byte[] hwc, int from, float[] dst, int dstOffset) {
        int plane = SIZE * SIZE;
        for (int p = 0; p < plane; p++) {
            int s = from + p * CHANNELS;
            dst[dstOffset + p] = (hwc[s] & 0xff) / 255f;
            dst[dstOffset + plane + p] = (hwc[s + 1] & 0xff) / 255f;
            dst[dstOffset + 2 * plane + p] = (hwc[s + 2] & 0xff) / 255f;
        }
    }

    private abstract static class Split implements Images {
        final Path file;
        final byte[] labels;
        final int count;

        Split(Path file, byte[] labels, int count) {
            this.file = file;
            this.labels = labels;
            this.count = count;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public int channels() {
            return CHANNELS;
        }

        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public int classes() {
            return 2;
        }

        @Override
        public int label(int i) {
            return labels[i];
        }

        @Override
        public String toString() {
            return "pcam " + file + " (" + count + " images, streamed)";
        }
    }

    /** An uncompressed contiguous dataset: image i is {@link #IMAGE_BYTES} bytes at a known offset (positional reads, thread-safe). */
    private static final class Contiguous extends Split {
        private final FileChannel channel;
        private final long address;

        Contiguous(Path file, FileChannel channel, long address, byte[] labels, int count) {
            super(file, labels, count);
            this.channel = channel;
            this.address = address;
        }

        @Override
        public void copyImage(int i, float[] dst, int dstOffset) {
            byte[] bytes = new byte[IMAGE_BYTES];
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long at = address + (long) i * IMAGE_BYTES;
            try {
                while (buf.hasRemaining()) {
                    if (channel.read(buf, at + buf.position()) < 0) {
                        throw new DatasetException(file + ": truncated: image " + i + " lies past the end of the file");
                    }
                }
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot read image " + i + ": " + e.getMessage(), e);
            }
            toPlanes(bytes, 0, dst, dstOffset);
        }
    }

    /** A chunked or filtered dataset: each image a slice read through jHDF (serialised: one reader per file). */
    private static final class Sliced extends Split {
        private final HdfFile hdf;
        private final Dataset data;

        Sliced(Path file, HdfFile hdf, Dataset data, byte[] labels, int count) {
            super(file, labels, count);
            this.hdf = hdf;
            this.data = data;
        }

        @Override
        public void copyImage(int i, float[] dst, int dstOffset) {
            Object slice;
            synchronized (hdf) {
                try {
                    slice = data.getData(new long[] {i, 0, 0, 0}, new int[] {1, SIZE, SIZE, CHANNELS});
                } catch (HdfException | UnsupportedOperationException e) {
                    throw new DatasetException(file + ": cannot read image " + i + ": " + e.getMessage(), e);
                }
            }
            byte[] bytes = new byte[IMAGE_BYTES];
            int k = 0;
            for (Object row : (Object[]) ((Object[]) slice)[0]) {
                for (Object pixel : (Object[]) row) {
                    System.arraycopy(asBytes(pixel), 0, bytes, k, CHANNELS);
                    k += CHANNELS;
                }
            }
            toPlanes(bytes, 0, dst, dstOffset);
        }
    }
}

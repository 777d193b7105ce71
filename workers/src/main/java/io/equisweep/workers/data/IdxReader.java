package io.equisweep.workers.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format: big-endian magic {@code 0x0000 08 NN} with NN the number of
 * dimensions, then the sizes, then unsigned bytes), plain or gzip-compressed (detected from the
 * content, not the name). Every problem names the file.
 *
 * <p>{@link #checkImages} and {@link #checkLabels} check a file without keeping its data: the magic
 * number, a plausible header, and that the file holds exactly the bytes the header announces. The
 * readers make the same checks, with the same messages, while they load.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    private static final int MAX_IMAGES = 100_000_000;

    private IdxReader() {
    }

    /** Images as bytes, N × rows × cols. */
    public record Images(byte[] pixels, int count, int rows, int cols) {
    }

    /** What an image file's header announces. */
    record ImagesHeader(int count, int rows, int cols) {
        String describe() {
            return count + " images of " + rows + "×" + cols;
        }

        Data data() {
            return new Data(describe(), (long) count * rows * cols);
        }
    }

    /** What a header announces after it, for messages ("3 images of 4×4"), and its length in bytes. */
    private record Data(String what, long bytes) {
        static Data labels(int count) {
            return new Data(count + " labels", count);
        }
    }

    /** An open IDX file: the decompressed content, and whether the file is gzip-compressed. */
    private record Opened(DataInputStream in, boolean gzip) implements Closeable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The header of an image file, checked against the file's length; the data is never kept. */
    static ImagesHeader checkImages(Path file) {
        try (Opened f = openIdx(file)) {
            ImagesHeader h = imagesHeader(f.in(), file);
            checkLength(file, f, h.data(), dataLength(file, f, IMAGES_HEADER_BYTES, h.data()));
            return h;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** The label count of a label file, checked against the file's length; the data is never kept. */
    static int checkLabels(Path file) {
        try (Opened f = openIdx(file)) {
            int count = labelsHeader(f.in(), file);
            checkLength(file, f, Data.labels(count), dataLength(file, f, LABELS_HEADER_BYTES, Data.labels(count)));
            return count;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    public static Images readImages(Path file) {
        try (Opened f = openIdx(file)) {
            ImagesHeader h = imagesHeader(f.in(), file);
            if (h.data().bytes() > Integer.MAX_VALUE - 8) {
                throw bad(file, "too large to load: the header announces " + h.describe());
            }
            byte[] pixels = new byte[(int) h.data().bytes()];
            checkLength(file, f, h.data(), drain(file, f, pixels, h.data()));
            return new Images(pixels, h.count(), h.rows(), h.cols());
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    public static byte[] readLabels(Path file) {
        try (Opened f = openIdx(file)) {
            int count = labelsHeader(f.in(), file);
            byte[] labels = new byte[count];
            checkLength(file, f, Data.labels(count), drain(file, f, labels, Data.labels(count)));
            return labels;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static ImagesHeader imagesHeader(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != IMAGES_MAGIC) {
            throw bad(file, String.format("not an IDX image file: magic number 0x%08X, expected 0x%08X (unsigned bytes, "
                    + "3 dimensions)%s", magic, IMAGES_MAGIC, magic == LABELS_MAGIC ? "; this is an IDX label file" : ""));
        }
        int count = in.readInt();
        int rows = in.readInt();
        int cols = in.readInt();
        if (count < 0 || count > MAX_IMAGES || rows < 1 || cols < 1 || rows > 4096 || cols > 4096) {
            throw bad(file, "implausible header: " + count + " images of " + rows + "×" + cols);
        }
        return new ImagesHeader(count, rows, cols);
    }

    private static int labelsHeader(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != LABELS_MAGIC) {
            throw bad(file, String.format("not an IDX label file: magic number 0x%08X, expected 0x%08X (unsigned bytes, "
                    + "1 dimension)%s", magic, LABELS_MAGIC, magic == IMAGES_MAGIC ? "; this is an IDX image file" : ""));
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_IMAGES) {
            throw bad(file, "implausible header: " + count + " labels");
        }
        return count;
    }

    /**
     * The number of bytes after the header. A plain file's comes from its size. A gzip file's
     * uncompressed length is counted by decompressing it without keeping anything. The gzip trailer's
     * ISIZE field (the last 4 bytes) would be cheaper, but it is wrong exactly when it matters most: a
     * download cut short leaves compressed data in those bytes, and a multi-member file records only its
     * last member there. Decompressing also verifies the CRC. It costs about 0.2 s for MNIST's 47 MB of
     * training images (measured), paid when the spec is read: nothing next to one cell.
     */
    private static long dataLength(Path file, Opened f, int headerBytes, Data expected) throws IOException {
        return f.gzip() ? drain(file, f, null, expected) : Files.size(file) - headerBytes;
    }

    /**
     * Reads what follows the header, filling {@code into} (when not null) first, and returns how many bytes
     * there were. A gzip stream that breaks off is reported as truncated.
     */
    private static long drain(Path file, Opened f, byte[] into, Data expected) throws IOException {
        long n = 0;
        try {
            if (into != null) {
                while (n < into.length) {
                    int r = f.in().read(into, (int) n, into.length - (int) n);
                    if (r < 0) {
                        return n;
                    }
                    n += r;
                }
            }
            byte[] skip = new byte[1 << 16];
            for (int r; (r = f.in().read(skip)) >= 0; ) {
                n += r;
            }
            return n;
        } catch (EOFException e) {
            if (!f.gzip()) {
                throw e;
            }
            throw bad(file, "truncated: the header announces " + expected.what() + " (" + expected.bytes() + " bytes of data) "
                    + "but the gzip stream breaks off after " + n + " of them (an interrupted download?)");
        }
    }

    /** Fails unless the data after the header is exactly the {@code expected} bytes the header announces. */
    private static void checkLength(Path file, Opened f, Data expected, long actual) {
        if (actual < expected.bytes()) {
            throw bad(file, "truncated: the header announces " + expected.what() + " (" + expected.bytes() + " bytes of data) "
                    + "but the file ends after " + actual + (f.gzip() ? " (uncompressed)" : ""));
        }
        if (actual > expected.bytes()) {
            throw bad(file, (actual - expected.bytes()) + " unexpected bytes after the data the header announces ("
                    + expected.what() + ", " + expected.bytes() + " bytes)");
        }
    }

    /** Writes an IDX image file (gzip-compressed when the name ends in .gz); used by tests and data fetch. */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols) throws IOException {
        try (var out = new java.io.DataOutputStream(output(file))) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels, 0, count * rows * cols);
        }
    }

    public static void writeLabels(Path file, byte[] labels) throws IOException {
        try (var out = new java.io.DataOutputStream(output(file))) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static java.io.OutputStream output(Path file) throws IOException {
        java.io.OutputStream raw = new java.io.BufferedOutputStream(Files.newOutputStream(file));
        return file.toString().endsWith(".gz") ? new java.util.zip.GZIPOutputStream(raw) : raw;
    }

    private static Opened openIdx(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new Opened(new DataInputStream(in), gzip);
    }

    private static DatasetException bad(Path file, String problem) {
        return new DatasetException(file + ": " + problem);
    }

    private static DatasetException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return bad(file, "no such file");
        }
        if (e instanceof EOFException) {
            return bad(file, "truncated: the file ends inside its header");
        }
        if (e instanceof ZipException || e.getMessage() != null && e.getMessage().contains("Unexpected end of ZLIB")) {
            return new DatasetException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    }
}

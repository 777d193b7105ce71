package io.equisweep.workers.data;

import java.io.BufferedInputStream;
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
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int MAX_IMAGES = 100_000_000;

    private IdxReader() {
    }

    /** Images as bytes, N × rows × cols. */
    public record Images(byte[] pixels, int count, int rows, int cols) {
    }

    public static Images readImages(Path file) {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw bad(file, String.format("wrong magic number 0x%08X, expected 0x%08X (an IDX image file: "
                        + "unsigned bytes, 3 dimensions)%s", magic, IMAGES_MAGIC, magic == LABELS_MAGIC ? "; this is a label file" : ""));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || count > MAX_IMAGES || rows < 1 || cols < 1 || rows > 4096 || cols > 4096) {
                throw bad(file, "implausible header: " + count + " images of " + rows + "×" + cols);
            }
            byte[] pixels = new byte[Math.multiplyExact(count, Math.multiplyExact(rows, cols))];
            readFully(in, pixels, file, count + " images of " + rows + "×" + cols);
            expectEnd(in, file);
            return new Images(pixels, count, rows, cols);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    public static byte[] readLabels(Path file) {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw bad(file, String.format("wrong magic number 0x%08X, expected 0x%08X (an IDX label file: "
                        + "unsigned bytes, 1 dimension)%s", magic, LABELS_MAGIC, magic == IMAGES_MAGIC ? "; this is an image file" : ""));
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_IMAGES) {
                throw bad(file, "implausible header: " + count + " labels");
            }
            byte[] labels = new byte[count];
            readFully(in, labels, file, count + " labels");
            expectEnd(in, file);
            return labels;
        } catch (IOException e) {
            throw failure(file, e);
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

    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    private static void readFully(DataInputStream in, byte[] into, Path file, String what) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = in.read(into, done, into.length - done);
            if (n < 0) {
                throw bad(file, "truncated: the header announces " + what + " (" + into.length
                        + " bytes of data) but the file ends after " + done);
            }
            done += n;
        }
    }

    private static void expectEnd(DataInputStream in, Path file) throws IOException {
        long extra = 0;
        while (in.read() >= 0) {
            extra++;
        }
        if (extra > 0) {
            throw bad(file, extra + " unexpected bytes after the data the header announces");
        }
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

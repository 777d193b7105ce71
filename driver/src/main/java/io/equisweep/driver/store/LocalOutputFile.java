package io.equisweep.driver.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output file on the local disk, written with java.nio. Hadoop's local file system sets the
 * permissions of every file it creates, and without Hadoop's native library it does so by starting a
 * {@code chmod} process (30–60 ms each, two per file with its checksum file): that, not Parquet, was most of a
 * commit's time. (parquet-hadoop 1.13 has no local output file of its own.)
 */
final class LocalOutputFile implements OutputFile {
    private final Path path;

    LocalOutputFile(Path path) {
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... options) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, withWrite(options)), 64 * 1024);
        return new PositionOutputStream() {
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                position += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private static StandardOpenOption[] withWrite(StandardOpenOption[] options) {
        StandardOpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = StandardOpenOption.WRITE;
        return all;
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}

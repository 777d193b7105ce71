package io.equisweep.driver.store;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one commit's rows of one table as one Parquet file, with parquet-hadoop and no Spark job, straight into
 * the table's sweep partition under a name of its own ({@code part-<cell id>-<commit id>.parquet}). Nothing is
 * shared between writers: no {@code _temporary} folder, no job commit. Where the file system renames atomically
 * (local, HDFS) the file is written under a hidden name ({@code .<name>.inprogress}, which no Parquet reader
 * lists) and renamed into place; on object stores (S3A, GCS, ABFS) it is written under its final name, which
 * appears whole when the upload completes (one PUT for these small files). The files read as Spark's own:
 * the partition column stays in the folder name, Spark's schema is kept in the footer, timestamps are
 * microseconds since the epoch in UTC.
 */
final class CommitFiles {
    /** Marks a file being written; {@link ResultStore#recover(long)} removes ones left by a writer long gone. */
    static final String IN_PROGRESS = ".inprogress";
    static final String PARTITION_COLUMN = "sweep";
    private static final Set<String> ATOMIC_RENAME = Set.of("file", "hdfs", "viewfs", "ofs", "o3fs");
    private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

    private CommitFiles() {
    }

    static String fileName(String cellId, String commitId) {
        return "part-" + cellId + "-" + commitId + ".parquet";
    }

    /** Writes {@code rows} (in {@code schema}, partition column included) as {@code table/sweep=<sweep>/<name>}. */
    static Path write(Configuration conf, Path table, String sweep, String name, StructType schema, List<Row> rows)
            throws IOException {
        return write(conf, table, sweep, name, schema, rows, Map.of());
    }

    /** As above, with extra key-value metadata in the file's footer. */
    static Path write(Configuration conf, Path table, String sweep, String name, StructType schema, List<Row> rows,
                      Map<String, String> metadata) throws IOException {
        Path partition = new Path(table, PARTITION_COLUMN + "=" + sweep);
        Path target = new Path(partition, name);
        FileSystem fs = target.getFileSystem(conf);
        java.io.File local = localFile(fs, target);
        boolean rename = ATOMIC_RENAME.contains(fs.getScheme());
        Path written = rename ? new Path(partition, "." + name + IN_PROGRESS) : target;
        if (local != null) {
            java.nio.file.Files.createDirectories(local.toPath().getParent());
        }
        org.apache.parquet.io.OutputFile file = local != null
                ? new LocalOutputFile(localFile(fs, written).toPath()) : HadoopOutputFile.fromPath(written, conf);
        int partitionIndex = schema.fieldIndex(PARTITION_COLUMN);
        StructType fileSchema = new StructType(java.util.Arrays.stream(schema.fields())
                .filter(f -> !f.name().equals(PARTITION_COLUMN)).toArray(StructField[]::new));
        MessageType parquet = parquetSchema(fileSchema);
        SimpleGroupFactory groups = new SimpleGroupFactory(parquet);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
                .withConf(conf).withType(parquet).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(withSparkSchema(metadata, fileSchema)).build()) {
            for (Row row : rows) {
                if (!sweep.equals(row.get(partitionIndex))) {
                    throw new IllegalArgumentException("a row of sweep " + row.get(partitionIndex) + " in a file of sweep " + sweep);
                }
                Group g = groups.newGroup();
                int at = 0;
                for (int i = 0; i < schema.fields().length; i++) {
                    if (i == partitionIndex) {
                        continue;
                    }
                    if (!row.isNullAt(i)) {
                        add(g, at, schema.fields()[i].dataType(), row.get(i));
                    }
                    at++;
                }
                writer.write(g);
            }
        }
        if (local != null) {
            java.nio.file.Files.move(localFile(fs, written).toPath(), local.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } else if (rename && !fs.rename(written, target)) {
            fs.delete(written, false);
            throw new IOException("cannot rename " + written + " to " + target + (fs.exists(target) ? ": it exists" : ""));
        }
        return target;
    }

    private static Map<String, String> withSparkSchema(Map<String, String> metadata, StructType fileSchema) {
        Map<String, String> all = new java.util.HashMap<>(metadata);
        all.put(SPARK_SCHEMA, fileSchema.json());
        return all;
    }

    /** The local file behind {@code path} when {@code fs} is the local disk (written with java.nio), else null. */
    static java.io.File localFile(FileSystem fs, Path path) {
        if (fs instanceof org.apache.hadoop.fs.LocalFileSystem l) {
            return l.pathToFile(path);
        }
        if (fs instanceof org.apache.hadoop.fs.RawLocalFileSystem r) {
            return r.pathToFile(path);
        }
        return null;
    }

    private static void add(Group g, int field, DataType type, Object value) {
        if (type.equals(DataTypes.StringType)) {
            g.add(field, Binary.fromString((String) value));
        } else if (type.equals(DataTypes.IntegerType)) {
            g.add(field, (Integer) value);
        } else if (type.equals(DataTypes.LongType)) {
            g.add(field, (Long) value);
        } else if (type.equals(DataTypes.DoubleType)) {
            g.add(field, (Double) value);
        } else if (type.equals(DataTypes.BooleanType)) {
            g.add(field, (Boolean) value);
        } else if (type.equals(DataTypes.TimestampType)) {
            Timestamp t = (Timestamp) value;
            g.add(field, Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000);
        } else {
            throw new IllegalArgumentException("no Parquet mapping for column type " + type);
        }
    }

    /** Every column optional (Spark reads Parquet columns as nullable anyway). */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField f : schema.fields()) {
            message.addField(column(f));
        }
        return message.named("spark_schema");
    }

    private static Type column(StructField f) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.StringType)) {
            return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
        }
        if (t.equals(DataTypes.IntegerType)) {
            return Types.optional(PrimitiveTypeName.INT32).named(f.name());
        }
        if (t.equals(DataTypes.LongType)) {
            return Types.optional(PrimitiveTypeName.INT64).named(f.name());
        }
        if (t.equals(DataTypes.DoubleType)) {
            return Types.optional(PrimitiveTypeName.DOUBLE).named(f.name());
        }
        if (t.equals(DataTypes.BooleanType)) {
            return Types.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
        }
        if (t.equals(DataTypes.TimestampType)) {
            return Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(f.name());
        }
        throw new IllegalArgumentException("no Parquet mapping for column " + f.name() + " of type " + t);
    }
}

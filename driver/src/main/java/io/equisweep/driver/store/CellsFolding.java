package io.equisweep.driver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * Folds a sweep's per-commit {@code cells} files into one file, so that what every command reads first (which
 * cells are done) stays one small read however many cells a sweep has: at the end of a run, once a partition
 * holds {@value #MIN_FILES} files or more. Safe beside live writers: only the files listed before folding are
 * replaced, and new commits keep landing as files of their own. The folded file is written whole (as a commit
 * file is) before the files it replaces are deleted; its footer names them ({@value #REPLACES}), so that a fold
 * killed between the two is finished by the next {@link ResultStore#recover}. Between the two a reader may see a
 * row twice; equisweep's readers rank a cell's rows (the latest attempt), which a duplicate does not change.
 */
public final class CellsFolding {
    static final String REPLACES = "equisweep.replaces";
    static final String PREFIX = "part-folded-";
    static final int MIN_FILES = 64;

    private CellsFolding() {
    }

    /** Folds the partition of {@code sweep} if it holds at least {@link #MIN_FILES} files; the files folded (0 if none). */
    public static int fold(SparkSession spark, ResultStore store, String sweep) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path table = new Path(store.tablePath(CellsTable.NAME));
        Path partition = new Path(table, CommitFiles.PARTITION_COLUMN + "=" + sweep);
        try {
            FileSystem fs = partition.getFileSystem(conf);
            if (!fs.exists(partition)) {
                return 0;
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus f : fs.listStatus(partition, p -> p.getName().endsWith(".parquet") && !p.getName().startsWith("."))) {
                files.add(f.getPath());
            }
            if (files.size() < MIN_FILES) {
                return 0;
            }
            // The partition's folder, not the list of files (that many paths would be listed by a Spark job), then only
            // the rows of the files listed: commits landing meanwhile stay files of their own.
            List<String> names = files.stream().map(Path::getName).toList();
            Dataset<Row> read = spark.read().option("mergeSchema", "true").option("basePath", table.toString())
                    .parquet(partition.toString())
                    .where(functions.element_at(functions.split(functions.input_file_name(), "/"), -1).isin(names.toArray()));
            List<String> present = List.of(read.columns());
            List<Column> columns = new ArrayList<>();
            for (StructField f : CellsTable.SCHEMA.fields()) {
                columns.add(present.contains(f.name()) ? functions.col(f.name()).cast(f.dataType()).as(f.name())
                        : functions.lit(null).cast(f.dataType()).as(f.name()));
            }
            // Two folds that raced leave one row twice: the next fold keeps one.
            List<Row> rows = read.select(columns.toArray(Column[]::new)).dropDuplicates("sweep", "cell_id", "commit_id")
                    .collectAsList();
            String replaced = String.join(",", names);
            CommitFiles.write(conf, table, sweep, PREFIX + UUID.randomUUID() + ".parquet", CellsTable.SCHEMA, rows,
                    Map.of(REPLACES, replaced));
            for (Path f : files) {
                fs.delete(f, false);
            }
            return files.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fold " + partition, e);
        }
    }

    /** Deletes files that a folded file of {@code partition} replaces but a killed fold left; returns them. */
    static List<String> finishInterrupted(FileSystem fs, Configuration conf, Path partition) throws IOException {
        List<String> removed = new ArrayList<>();
        for (FileStatus folded : fs.listStatus(partition, p -> p.getName().startsWith(PREFIX) && p.getName().endsWith(".parquet"))) {
            String names;
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(folded.getPath(), conf))) {
                names = reader.getFooter().getFileMetaData().getKeyValueMetaData().getOrDefault(REPLACES, "");
            } catch (java.io.FileNotFoundException replacedByALaterFold) {
                continue;
            }
            for (String name : names.split(",")) {
                Path old = new Path(partition, name);
                if (!name.isEmpty() && fs.exists(old) && fs.delete(old, false)) {
                    removed.add(old.toString());
                }
            }
        }
        return removed;
    }
}

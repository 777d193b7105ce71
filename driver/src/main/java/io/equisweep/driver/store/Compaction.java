package io.equisweep.driver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Merges the small per-commit Parquet files of each table into one file per sweep partition, without
 * changing any row: the table is rewritten beside the original, checked (same row count and the same
 * order-independent content hash), and only then swapped in. Run it while no sweep writes to the root.
 */
public final class Compaction {
    public static final List<String> TABLES = List.of(CellsTable.NAME, DetailTables.EPOCHS, DetailTables.ANGLES,
            DetailTables.LAYERS);

    /** Files before and after, per table. */
    public record Result(String table, long filesBefore, long filesAfter, long rows) {
    }

    private Compaction() {
    }

    public static Result compact(SparkSession spark, ResultStore store, String table) {
        Path path = new Path(store.tablePath(table));
        Path staged = new Path(path.getParent(), "." + table + ".compacting");
        Path old = new Path(path.getParent(), "." + table + ".old");
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            long filesBefore = parquetFiles(fs, path);
            Dataset<Row> rows = spark.read().parquet(path.toString());
            long count = rows.count();
            long hash = contentHash(rows);
            rows.repartition(functions.col("sweep")).write().mode(SaveMode.Overwrite).partitionBy("sweep")
                    .parquet(staged.toString());
            Dataset<Row> check = spark.read().parquet(staged.toString());
            if (check.count() != count || contentHash(check) != hash) {
                fs.delete(staged, true);
                throw new IllegalStateException("compacted " + table + " differs from the original; left unchanged");
            }
            if (!fs.rename(path, old) || !fs.rename(staged, path)) {
                throw new IOException("cannot swap " + staged + " into " + path);
            }
            fs.delete(old, true);
            return new Result(table, filesBefore, parquetFiles(fs, path), count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + path, e);
        }
    }

    /** Sum of row hashes over every column: equal for the same multiset of rows, whatever the file layout. */
    static long contentHash(Dataset<Row> rows) {
        String[] columns = rows.columns();
        java.util.Arrays.sort(columns);
        var cols = java.util.Arrays.stream(columns).map(functions::col).toArray(org.apache.spark.sql.Column[]::new);
        Row r = rows.select(functions.sum(functions.xxhash64(cols).cast("decimal(38,0)"))).first();
        return r.isNullAt(0) ? 0 : r.getDecimal(0).longValue();
    }

    private static long parquetFiles(FileSystem fs, Path path) throws IOException {
        long n = 0;
        var files = fs.listFiles(path, true);
        while (files.hasNext()) {
            if (files.next().getPath().getName().endsWith(".parquet")) {
                n++;
            }
        }
        return n;
    }
}

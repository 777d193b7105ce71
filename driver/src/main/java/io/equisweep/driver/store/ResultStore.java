package io.equisweep.driver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Parquet result tables under one output root ({@code <root>/<table>/sweep=<name>/...}), written and
 * read through Spark SQL; any Hadoop file system URI works as the root. The store is the source of truth
 * for which cells are done.
 */
public final class ResultStore {
    private final SparkSession spark;
    private final String root;

    public ResultStore(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root;
    }

    public String tablePath(String table) {
        return new Path(root, table).toString();
    }

    public boolean tableExists(String table) {
        try {
            Path path = new Path(tablePath(table));
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + tablePath(table), e);
        }
    }

    /**
     * Commits one finished cell: its epochs, angles and layers rows, then its {@code cells} row last, so
     * that a cell counts as done only once all its rows are written.
     */
    public void commit(String sweep, Row cellRow, io.equisweep.workers.cell.CellResult result) {
        append(DetailTables.EPOCHS, DetailTables.EPOCHS_SCHEMA, DetailTables.epochs(sweep, result));
        append(DetailTables.ANGLES, DetailTables.ANGLES_SCHEMA, DetailTables.angles(sweep, result));
        append(DetailTables.LAYERS, DetailTables.LAYERS_SCHEMA, DetailTables.layers(sweep, result));
        append(CellsTable.NAME, CellsTable.SCHEMA, List.of(cellRow));
    }

    /** Appends rows to a table (one Parquet file per call, inside the sweep's partition). */
    void append(String table, org.apache.spark.sql.types.StructType schema, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        spark.createDataFrame(rows, schema).coalesce(1)
                .write().mode(SaveMode.Append).partitionBy("sweep").parquet(tablePath(table));
    }

    /** A table, or {@code null} if nothing was written to it yet. */
    public Dataset<Row> table(String table) {
        return tableExists(table) ? spark.read().parquet(tablePath(table)) : null;
    }

    /** The {@code cells} table, or {@code null} if nothing was written yet. */
    public Dataset<Row> cells() {
        return table(CellsTable.NAME);
    }

    /** Ids of the cells of {@code sweep} with an {@code ok} row. */
    public Set<String> okCellIds(String sweep) {
        Dataset<Row> cells = cells();
        Set<String> ids = new HashSet<>();
        if (cells != null) {
            for (Row r : cells.where(functions.col("sweep").equalTo(sweep).and(functions.col("status").equalTo("ok")))
                    .select("cell_id").distinct().collectAsList()) {
                ids.add(r.getString(0));
            }
        }
        return ids;
    }

    /**
     * The latest status of every cell, by sweep: cell id → status of its most recent attempt (an
     * {@code ok} row wins over later failures, so one success is enough).
     */
    public Map<String, Map<String, String>> latestStatus() {
        Map<String, Map<String, String>> bySweep = new LinkedHashMap<>();
        Dataset<Row> cells = cells();
        if (cells == null) {
            return bySweep;
        }
        List<Row> rows = cells.select("sweep", "cell_id", "status", "finished_at")
                .orderBy("sweep", "cell_id", "finished_at").collectAsList();
        for (Row r : rows) {
            Map<String, String> latest = bySweep.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>());
            latest.merge(r.getString(1), r.getString(2), (old, now) -> "ok".equals(old) ? old : now);
        }
        return bySweep;
    }
}

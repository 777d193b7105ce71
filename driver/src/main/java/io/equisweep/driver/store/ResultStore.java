package io.equisweep.driver.store;

import io.equisweep.driver.cells.CellState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * Commits one finished cell under a fresh commit id: its epochs, angles and layers rows, then its
     * {@code cells} row last. The cell counts as done once that row exists; rows of a commit that never
     * got its {@code cells} row (a crash mid-commit) match no {@code (cell_id, commit_id)} in {@code cells}
     * and so are never read as results, and a rerun writes under a new id.
     */
    public String commit(String sweep, io.equisweep.driver.spec.PlannedCell planned,
                         io.equisweep.driver.cells.CellAttempt attempt, String codeVersion) {
        String commitId = java.util.UUID.randomUUID().toString();
        var result = attempt.result();
        append(DetailTables.EPOCHS, DetailTables.EPOCHS_SCHEMA, DetailTables.epochs(sweep, commitId, result));
        append(DetailTables.ANGLES, DetailTables.ANGLES_SCHEMA, DetailTables.angles(sweep, commitId, result));
        append(DetailTables.LAYERS, DetailTables.LAYERS_SCHEMA, DetailTables.layers(sweep, commitId, result));
        append(CellsTable.NAME, CellsTable.SCHEMA, List.of(CellsTable.row(new CellsTable.Commit(sweep, commitId, planned, attempt, codeVersion))));
        return commitId;
    }

    /** A detail table restricted to rows of committed cells (those with a {@code cells} row). */
    public Dataset<Row> committed(String table) {
        Dataset<Row> detail = table(table);
        Dataset<Row> cells = cells();
        if (detail == null || cells == null) {
            return detail;
        }
        return detail.join(cells.select("cell_id", "commit_id", "sweep"),
                scala.collection.JavaConverters.asScalaBuffer(List.of("cell_id", "commit_id", "sweep")).toSeq(), "left_semi");
    }

    /**
     * Removes what a writer killed mid-commit left behind: Spark's {@code _temporary} folder in each table.
     * Its task outputs would otherwise be moved into the table by the next append's job commit. Call it
     * before writing; a results root has one writer at a time.
     *
     * @return the folders removed
     */
    /** Folder (ignored by Parquet readers) holding each sweep's spec as last run: {@code _specs/NAME.yaml}. */
    public static final String SPECS = "_specs";

    /** Keeps the spec a sweep was run with beside its results, for reports (overwrites an older one). */
    public void saveSpec(String sweep, String yaml) {
        Path path = new Path(new Path(root, SPECS), sweep + ".yaml");
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (var out = fs.create(path, true)) {
                out.write(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The specs saved by {@link #saveSpec}, by sweep name (empty when none). */
    public Map<String, String> specs() {
        Map<String, String> specs = new java.util.TreeMap<>();
        Path dir = new Path(root, SPECS);
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir)) {
                return specs;
            }
            for (var status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (name.endsWith(".yaml")) {
                    try (var in = fs.open(status.getPath())) {
                        specs.put(name.substring(0, name.length() - 5),
                                new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            return specs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    public List<String> recover() {
        List<String> removed = new java.util.ArrayList<>();
        for (String table : List.of(CellsTable.NAME, DetailTables.EPOCHS, DetailTables.ANGLES, DetailTables.LAYERS)) {
            Path temporary = new Path(tablePath(table), "_temporary");
            try {
                FileSystem fs = temporary.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (fs.exists(temporary) && fs.delete(temporary, true)) {
                    removed.add(temporary.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean " + temporary, e);
            }
        }
        return removed;
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
        if (!tableExists(table)) {
            return null;
        }
        // Files written before a column was added lack it: merge the footers so every column is there (null in old rows).
        return spark.read().option("mergeSchema", table.equals(CellsTable.NAME)).parquet(tablePath(table));
    }

    /** The {@code cells} table, or {@code null} if nothing was written yet. */
    public Dataset<Row> cells() {
        return table(CellsTable.NAME);
    }

    /** Each sweep's cells whose latest attempt is ok but from an older numerics version (see {@link NumericsVersions}). */
    public Map<String, java.util.Set<String>> staleCells() {
        Dataset<Row> cells = cells();
        return cells == null ? Map.of() : NumericsVersions.stale(cells);
    }

    /** The state of every stored cell, by sweep: cell id → the status of its {@link LatestAttempt}. */
    public Map<String, Map<String, CellState>> latestStates() {
        Map<String, Map<String, CellState>> bySweep = new LinkedHashMap<>();
        Dataset<Row> cells = cells();
        if (cells == null) {
            return bySweep;
        }
        for (Row r : LatestAttempt.of(cells).select("sweep", "cell_id", "status").orderBy("sweep", "cell_id").collectAsList()) {
            bySweep.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), CellState.parse(r.getString(2)));
        }
        return bySweep;
    }
}

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
import org.apache.spark.sql.types.StructType;

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
        String name = CommitFiles.fileName(planned.spec().id(), commitId);
        write(DetailTables.EPOCHS, DetailTables.EPOCHS_SCHEMA, sweep, name, DetailTables.epochs(sweep, commitId, result));
        write(DetailTables.ANGLES, DetailTables.ANGLES_SCHEMA, sweep, name, DetailTables.angles(sweep, commitId, result));
        write(DetailTables.LAYERS, DetailTables.LAYERS_SCHEMA, sweep, name, DetailTables.layers(sweep, commitId, result));
        write(CellsTable.NAME, CellsTable.SCHEMA, sweep, name,
                List.of(CellsTable.row(new CellsTable.Commit(sweep, commitId, planned, attempt, codeVersion))));
        return commitId;
    }

    /** One commit's rows of one table, as one file of its own (see {@link CommitFiles}); no Spark job. */
    private void write(String table, StructType schema, String sweep, String name, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            CommitFiles.write(spark.sparkContext().hadoopConfiguration(), new Path(tablePath(table)), sweep, name, schema, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit " + name + " to " + tablePath(table), e);
        }
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

    /** Folder (ignored by Parquet readers) holding each sweep's spec as last run: {@code _specs/NAME.yaml}. */
    public static final String SPECS = "_specs";

    /** Folder of published figures kept beside the results ({@code _reference/*.csv}), which the notes read. */
    public static final String REFERENCE = "_reference";
    /** Folder of the claims' verdicts as {@code compare} last decided them ({@code _verdicts/<sweep>.csv}). */
    public static final String VERDICTS = "_verdicts";

    /** Keeps the spec a sweep was run with beside its results, for reports (overwrites an older one). */
    public void saveSpec(String sweep, String yaml) {
        writeSmallFile(new Path(new Path(root, SPECS), sweep + ".yaml"), yaml);
    }

    /** Keeps a reference table (CSV) beside the results under {@code name}, replacing one of that name. */
    public void saveReference(String name, String csv) {
        writeSmallFile(new Path(new Path(root, REFERENCE), name), csv);
    }

    /** A reference table kept beside the results, or {@code null} when there is none of that name. */
    public String reference(String name) {
        Path path = new Path(new Path(root, REFERENCE), name);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                return null;
            }
            try (var in = fs.open(path)) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Keeps a sweep's claim verdicts (CSV) beside the results, replacing the last ones. */
    public void saveVerdicts(String sweep, String csv) {
        writeSmallFile(new Path(new Path(root, VERDICTS), sweep + ".csv"), csv);
    }

    /** Writes a small file whole, replacing one of that name. */
    private void writeSmallFile(Path path, String text) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (var out = fs.create(path, true)) {
                out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    /**
     * Removes what writers killed mid-commit left behind, and nothing a live writer may still be writing: files
     * still under their in-progress name, and Spark's {@code _temporary} folders (of equisweep before commits
     * bypassed Spark, and of {@code compact}), once untouched for {@code abandonedAfterMillis}. A commit file is
     * written in milliseconds, so one that old has no writer any more. Detail rows of a commit whose
     * {@code cells} row was never written are left: they never join, and cost nothing.
     *
     * @return what was removed
     */
    public List<String> recover(long abandonedAfterMillis) {
        List<String> removed = new java.util.ArrayList<>();
        long before = System.currentTimeMillis() - abandonedAfterMillis;
        for (String table : Compaction.TABLES) {
            Path path = new Path(tablePath(table));
            try {
                FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (!fs.exists(path)) {
                    continue;
                }
                Path temporary = new Path(path, "_temporary");
                if (fs.exists(temporary) && fs.getFileStatus(temporary).getModificationTime() < before
                        && fs.delete(temporary, true)) {
                    removed.add(temporary.toString());
                }
                for (var partition : fs.listStatus(path, p -> p.getName().startsWith(CommitFiles.PARTITION_COLUMN + "="))) {
                    if (table.equals(CellsTable.NAME)) {
                        removed.addAll(CellsFolding.finishInterrupted(fs, spark.sparkContext().hadoopConfiguration(),
                                partition.getPath()));
                    }
                    for (var file : fs.listStatus(partition.getPath(), p -> p.getName().endsWith(CommitFiles.IN_PROGRESS))) {
                        if (file.getModificationTime() < before && fs.delete(file.getPath(), false)) {
                            removed.add(file.getPath().toString());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean " + path, e);
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
        // Read in the declared schema: no job to infer it from the footers, and files written before a column was
        // added read it as null.
        StructType schema = DetailTables.SCHEMAS.get(table);
        return schema == null ? spark.read().parquet(tablePath(table)) : spark.read().schema(schema).parquet(tablePath(table));
    }

    /** The {@code cells} table, or {@code null} if nothing was written yet. */
    public Dataset<Row> cells() {
        return table(CellsTable.NAME);
    }

    /** Each sweep's cells whose latest attempt is ok but from an older numerics version (see {@link NumericsVersions}). */
    public Map<String, java.util.Set<String>> staleCells() {
        return storedCells().stale();
    }

    /** Each stored cell's state and the stale ones, from one read of the {@code cells} table. */
    public StoredCells storedCells() {
        Dataset<Row> cells = cells();
        return cells == null ? StoredCells.NONE : StoredCells.of(cells);
    }

    /** The state of every stored cell, by sweep: cell id → the status of its {@link LatestAttempt}. */
    public Map<String, Map<String, CellState>> latestStates() {
        return storedCells().states();
    }
}

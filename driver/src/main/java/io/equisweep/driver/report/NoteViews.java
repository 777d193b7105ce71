package io.equisweep.driver.report;

import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.DetailTables;
import io.equisweep.driver.store.LatestAttempt;
import io.equisweep.driver.store.NumericsVersions;
import java.util.List;

/**
 * The temp views every Zeppelin note registers from a results root, with the same latest-attempt rule as the
 * commands ({@link LatestAttempt}): {@code cells_all} etc. (every row), {@code cells_latest} (each cell's latest
 * attempt), {@code cells_ok} (the cells whose latest attempt is ok) and the detail tables restricted to those.
 * The notes' first {@code %spark} paragraph is {@link #paragraph()} verbatim (a test holds them to it).
 */
public final class NoteViews {
    private static final List<String> DETAIL = List.of(DetailTables.EPOCHS, DetailTables.ANGLES, DetailTables.LAYERS);

    private NoteViews() {
    }

    /** {@code cells_latest} over {@code cells_all}. */
    public static String latestSql() {
        return LatestAttempt.latestSql(CellsTable.NAME + "_all");
    }

    /** {@code cells_ok} over {@code cells_latest}. */
    public static String okSql() {
        return "SELECT * FROM cells_latest WHERE status = 'ok'";
    }

    /** A detail table's view: its rows of the commits in {@code cells_ok}. */
    public static String detailSql(String table) {
        return "SELECT d.* FROM " + table + "_all d JOIN cells_ok c ON d.sweep = c.sweep AND d.cell_id = c.cell_id "
                + "AND d.commit_id = c.commit_id";
    }

    /** The settings of {@code cells_ok} whose cells come from more than one numerics version. */
    public static String mixedSql() {
        return "SELECT sweep, architecture, input_size, symmetry, sort_array(collect_set(coalesce(" + NumericsVersions.COLUMN
                + ", " + NumericsVersions.UNRECORDED + "))) AS numerics_versions FROM cells_ok "
                + "GROUP BY sweep, architecture, input_size, symmetry HAVING size(numerics_versions) > 1";
    }

    /** The note paragraph that registers the views (Scala, run by Zeppelin's Spark interpreter). */
    public static String paragraph() {
        String tables = "\"" + CellsTable.NAME + "\", " + String.join(", ", DETAIL.stream().map(t -> "\"" + t + "\"").toList());
        return "%spark\n"
                + "// The results root of a sweep (any Hadoop URI: a local folder, hdfs://..., s3a://...), from the note form above.\n"
                + "val results = z.noteTextbox(\"results\", \"results\").toString.trim\n"
                + "// mergeSchema: cells files written before a column was added lack it (it reads as null there).\n"
                + "for (t <- Seq(" + tables + "))\n"
                + "  spark.read.option(\"mergeSchema\", t == \"" + CellsTable.NAME + "\").parquet(s\"$results/$t\")"
                + ".createOrReplaceTempView(s\"${t}_all\")\n"
                + "// Each cell's latest attempt (newest finished_at, then commit_id), as equisweep status counts it, and the\n"
                + "// cells whose latest attempt is ok: the rows every chart below reads.\n"
                + "spark.sql(\"\"\"" + latestSql() + "\"\"\").createOrReplaceTempView(\"cells_latest\")\n"
                + "spark.sql(\"\"\"" + okSql() + "\"\"\").createOrReplaceTempView(\"cells_ok\")\n"
                + "for (t <- Seq(" + String.join(", ", DETAIL.stream().map(t -> "\"" + t + "\"").toList()) + "))\n"
                + "  spark.sql(s\"" + detailSql("${t}") + "\")\n"
                + "    .createOrReplaceTempView(t)\n"
                + "// Settings whose ok cells were computed by different numerics versions are never averaged silently.\n"
                + "if (spark.table(\"cells_ok\").columns.contains(\"" + NumericsVersions.COLUMN + "\")) {\n"
                + "  val mixed = spark.sql(\"\"\"" + mixedSql() + "\"\"\")\n"
                + "  if (mixed.count() > 0) { println(\"WARNING: these settings mix numerics versions (equisweep run --rerun-stale recomputes the older):\"); mixed.show(false) }\n"
                + "}\n"
                + "println(s\"Views cells_all, cells_latest, cells_ok, epochs, angles, layers from $results: "
                + "${spark.table(\"cells_latest\").count()} cells\")";
    }
}

package io.equisweep.driver.report;

import io.equisweep.driver.store.CellsTable;
import io.equisweep.driver.store.DetailTables;
import io.equisweep.driver.store.LatestAttempt;
import io.equisweep.driver.store.NumericsVersions;
import io.equisweep.driver.store.ResultStore;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The temp views a Zeppelin note registers from a results root, with the same latest-attempt rule as the commands
 * ({@link LatestAttempt}): {@code cells_all} etc. (every row), {@code cells_latest} (each cell's latest attempt),
 * {@code cells_ok} (the cells whose latest attempt is ok), the detail tables restricted to those, and
 * {@code reference} (published figures). All notes share one Spark interpreter, so each note's views carry the
 * note's name ({@code seeds_cells_ok}): two notes opened on two results roots cannot overwrite each other's. A
 * note's first {@code %spark} paragraph is {@link #paragraph(String)} verbatim, and its queries read only its own
 * views (a test holds them to both).
 */
public final class NoteViews {
    private static final List<String> DETAIL = List.of(DetailTables.EPOCHS, DetailTables.ANGLES, DetailTables.LAYERS);
    /** A query's reference to a table or view. */
    public static final Pattern VIEW_REFERENCE = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    private NoteViews() {
    }

    /** The prefix of a note's views: its file name without {@code .zpln}, in snake case. */
    public static String prefix(String note) {
        return note.replaceFirst("\\.zpln$", "").replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT) + "_";
    }

    /** {@code cells_latest} over {@code cells_all}, with the views' prefix {@code p}. */
    public static String latestSql(String p) {
        return LatestAttempt.latestSql(p + CellsTable.NAME + "_all");
    }

    /** {@code cells_ok} over {@code cells_latest}, with the views' prefix {@code p}. */
    public static String okSql(String p) {
        return "SELECT * FROM " + p + "cells_latest WHERE status = 'ok'";
    }

    /** A detail table's view: its rows of the commits in {@code cells_ok}. */
    static String detailSql(String p, String table) {
        return "SELECT d.* FROM " + p + table + "_all d JOIN " + p + "cells_ok c ON d.sweep = c.sweep AND d.cell_id = c.cell_id "
                + "AND d.commit_id = c.commit_id";
    }

    /** The settings of {@code cells_ok} whose cells come from more than one numerics version. */
    static String mixedSql(String p) {
        return "SELECT sweep, architecture, input_size, symmetry, sort_array(collect_set(coalesce(" + NumericsVersions.COLUMN
                + ", " + NumericsVersions.UNRECORDED + "))) AS numerics_versions FROM " + p + "cells_ok "
                + "GROUP BY sweep, architecture, input_size, symmetry HAVING size(numerics_versions) > 1";
    }

    /** The paragraph of note {@code note} (its file name) that registers its views (Scala, for Zeppelin's Spark interpreter). */
    public static String paragraph(String note) {
        String p = prefix(note);
        String tables = "\"" + CellsTable.NAME + "\", " + String.join(", ", DETAIL.stream().map(t -> "\"" + t + "\"").toList());
        return "%spark\n"
                + "// The results root of a sweep (any Hadoop URI: a local folder, hdfs://..., s3a://...), from the results form\n"
                + "// at the top of the note. Views are named after this note: notes share one Spark interpreter.\n"
                + "val results = z.noteTextbox(\"results\", \"results\").toString.trim\n"
                + "// mergeSchema: files written before a column was added lack it (it reads as null there).\n"
                + "for (t <- Seq(" + tables + "))\n"
                + "  spark.read.option(\"mergeSchema\", \"true\").parquet(s\"$results/$t\")"
                + ".createOrReplaceTempView(s\"" + p + "${t}_all\")\n"
                + "// Each cell's latest attempt (newest finished_at, then commit_id), as equisweep status counts it, and the\n"
                + "// cells whose latest attempt is ok: the rows every chart below reads.\n"
                + "spark.sql(\"\"\"" + latestSql(p) + "\"\"\").createOrReplaceTempView(\"" + p + "cells_latest\")\n"
                + "spark.sql(\"\"\"" + okSql(p) + "\"\"\").createOrReplaceTempView(\"" + p + "cells_ok\")\n"
                + "for (t <- Seq(" + String.join(", ", DETAIL.stream().map(t -> "\"" + t + "\"").toList()) + "))\n"
                + "  spark.sql(s\"" + detailSql(p, "${t}") + "\")\n"
                + "    .createOrReplaceTempView(s\"" + p + "$t\")\n"
                + "// Settings whose ok cells were computed by different numerics versions are never averaged silently.\n"
                + "if (spark.table(\"" + p + "cells_ok\").columns.contains(\"" + NumericsVersions.COLUMN + "\")) {\n"
                + "  val mixed = spark.sql(\"\"\"" + mixedSql(p) + "\"\"\")\n"
                + "  if (mixed.count() > 0) { println(\"WARNING: these settings mix numerics versions (equisweep run --rerun-stale recomputes the older):\"); mixed.show(false) }\n"
                + "}\n"
                + "// Published figures (equisweep run and compare keep them beside the results, in " + ResultStore.REFERENCE
                + "/), or the file\n"
                + "// the reference form names, and the claims' verdicts as equisweep compare last decided them.\n"
                + "val referenceForm = z.noteTextbox(\"reference\", \"\").toString.trim\n"
                + "val reference = if (referenceForm.isEmpty) s\"$results/" + ResultStore.REFERENCE + "\" else referenceForm\n"
                + "val referencePath = new org.apache.hadoop.fs.Path(reference)\n"
                + "if (referencePath.getFileSystem(spark.sparkContext.hadoopConfiguration).exists(referencePath))\n"
                + "  spark.read.option(\"header\", \"true\").option(\"inferSchema\", \"true\").csv(reference).createOrReplaceTempView(\""
                + p + "reference\")\n"
                + "else println(s\"No published figures at $reference: run equisweep compare --reference FILE on these results, \"\n"
                + "  + \"or give the reference form an absolute path\")\n"
                + "val verdicts = new org.apache.hadoop.fs.Path(s\"$results/" + ResultStore.VERDICTS + "\")\n"
                + "(if (verdicts.getFileSystem(spark.sparkContext.hadoopConfiguration).exists(verdicts))\n"
                + "  spark.read.option(\"header\", \"true\").option(\"multiLine\", \"true\").csv(verdicts.toString)\n"
                + "else spark.sql(\"SELECT '' AS sweep, 'none yet: equisweep compare RESULTS --reference CSV decides them' AS claim, \"\n"
                + "  + \"'' AS verdict, '' AS evidence\")).createOrReplaceTempView(\"" + p + "verdicts\")\n"
                + "println(s\"Views " + p + "cells_all, " + p + "cells_latest, " + p + "cells_ok, " + p + "epochs, " + p + "angles, "
                + p + "layers, " + p + "reference from $results: ${spark.table(\"" + p + "cells_latest\").count()} cells\")";
    }
}

package io.equisweep.driver.store;

import java.sql.Timestamp;
import java.util.Comparator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The one definition of a cell's latest attempt: of its {@code cells} rows, the one that finished last (ties,
 * within a millisecond, broken by commit id so every reader picks the same row). A cell's state is its latest
 * attempt's status, and only a latest attempt that is {@code ok} counts in summaries: after {@code run --force}
 * fails a cell that was ok, every command and note sees it failed. {@code status}, {@code run}, {@code plan},
 * {@code summary}, {@code compare}, {@code report} and the notes' views all read this.
 */
public final class LatestAttempt {
    /** The window that ranks a cell's attempts, newest first, as SQL (the notes' views use it verbatim). */
    public static final String RANK = "row_number() OVER (PARTITION BY sweep, cell_id ORDER BY finished_at DESC, commit_id DESC)";
    private static final String RANK_COLUMN = "attempt_rank";

    /**
     * The same order as {@link #RANK} for attempts collected to the driver (by finish time, then commit id):
     * the greatest of a cell's attempts is its latest. {@code LatestAttemptTest} holds the two to the same choice.
     */
    public static final Comparator<Attempt> ORDER = Comparator.comparing(Attempt::finishedAt)
            .thenComparing(Attempt::commitId);

    /** What decides which of a cell's attempts is the latest. */
    public record Attempt(Timestamp finishedAt, String commitId) {
    }

    private LatestAttempt() {
    }

    /** Each cell's latest attempt. */
    public static Dataset<Row> of(Dataset<Row> cells) {
        return cells.withColumn(RANK_COLUMN, functions.expr(RANK)).where(functions.col(RANK_COLUMN).equalTo(1))
                .drop(RANK_COLUMN);
    }

    /** The cells whose latest attempt is ok: the rows every summary counts. */
    public static Dataset<Row> ok(Dataset<Row> cells) {
        return of(cells).where(functions.col("status").equalTo("ok"));
    }

    /** The SQL of the latest-attempt view over a view of all {@code cells} rows named {@code allCells}. */
    public static String latestSql(String allCells) {
        return "SELECT * FROM (SELECT *, " + RANK + " AS " + RANK_COLUMN + " FROM " + allCells + ") WHERE "
                + RANK_COLUMN + " = 1";
    }
}

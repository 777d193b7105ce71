package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import io.equisweep.driver.spec.PlannedCell;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import java.io.PrintStream;
import java.util.Locale;

/** A run's console: one line per committed cell on {@code out}, and a progress bar on a terminal's stderr. */
final class ConsoleProgress implements CellListener {
    private final PrintStream out;
    private final ProgressBar bar;
    private final int total;
    private final int slots;
    private final long start = System.nanoTime();
    private int finished;

    ConsoleProgress(PrintStream out, int total, int slots) {
        this.out = out;
        this.total = total;
        this.slots = slots;
        this.bar = ProgressBar.forConsole(System.err, total);
        bar.draw(slots);
    }

    @Override
    public void committed(PlannedCell cell, CellAttempt attempt) {
        CellResult r = attempt.result();
        finished++;
        bar.clear();
        out.println(line(finished, total, cell.spec(), r, start));
        bar.cellFinished(r.status() == CellStatus.OK, (r.finishedAtMillis() - r.startedAtMillis()) / 1000.0, slots);
    }

    void close() {
        bar.clear();
    }

    private static String line(int done, int total, CellSpec cell, CellResult r, long start) {
        String what = switch (r.status()) {
            case OK -> String.format(Locale.ROOT, "test acc %.3f, train %.1f s", r.testAccuracy(), r.trainSeconds());
            default -> r.error();
        };
        return String.format(Locale.ROOT, "[%d/%d %5.0fs] %-8s %s  %s  %s", done, total,
                (System.nanoTime() - start) / 1e9, r.status().tableName(), cell.id(), cell.label(), what);
    }
}

package io.equisweep.driver.spark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line console progress bar for a sweep: done / running / failed / total, elapsed time and an
 * ETA from the finished cells' durations and the task slots. It redraws in place on a terminal and
 * stays silent otherwise (the per-cell log lines carry the same information).
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean enabled;
    private final int total;
    private final long startNanos;
    private int done;
    private int failed;
    private double cellSeconds;

    ProgressBar(PrintStream out, boolean enabled, int total) {
        this.out = out;
        this.enabled = enabled;
        this.total = total;
        this.startNanos = System.nanoTime();
    }

    /** A bar that draws only when the JVM is attached to a terminal. */
    static ProgressBar forConsole(PrintStream out, int total) {
        return new ProgressBar(out, System.console() != null, total);
    }

    void cellFinished(boolean ok, double seconds, int slots) {
        done++;
        if (!ok) {
            failed++;
        }
        cellSeconds += seconds;
        draw(slots);
    }

    /** Clears the bar before a log line is printed, so that lines and bar do not mix. */
    void clear() {
        if (enabled) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
    }

    void draw(int slots) {
        if (enabled) {
            out.print("\r" + render(done, Math.min(slots, total - done), failed, total,
                    (System.nanoTime() - startNanos) / 1e9, done == 0 ? Double.NaN : cellSeconds / done, slots));
            out.flush();
        }
    }

    static String render(int done, int running, int failed, int total, double elapsed, double meanCellSeconds, int slots) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        int remaining = total - done;
        String eta = Double.isNaN(meanCellSeconds) ? "?" : duration(Math.ceil((double) remaining / Math.max(1, slots))
                * meanCellSeconds);
        return String.format(Locale.ROOT, "[%s%s] %d/%d done, %d running, %d failed | %s elapsed, ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, running, failed, duration(elapsed), eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}

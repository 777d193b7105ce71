package io.equisweep.driver.compare;

import io.equisweep.workers.arch.Architectures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The MNIST claims of "Using and Abusing Equivariance", checked on a sweep's cells: p4cnn at its exact
 * input sizes against p4cnn at its approximate ones, and z2cnn, under upright and uniformly rotated
 * training. Margins are stated in each claim and printed with it.
 */
final class PaperClaims {
    static final String EQUIVARIANT = "p4cnn";
    static final String BASELINE = "z2cnn";
    /** Accuracy differences an exact net may show between quarter turns: ties in the arg-max only. */
    static final double INVARIANCE_TOLERANCE_PP = 0.1;
    /** How far below the exact net an approximate one must fall at 180° to count as "far below". */
    static final double FAR_BELOW_PP = 20;
    /** How close approximate and exact nets must be, trained on uniformly rotated data, for the gap to count as closed. */
    static final double GAP_CLOSED_PP = 3;

    private PaperClaims() {
    }

    static List<Claim> check(SettingStats stats) {
        List<Claim> claims = new ArrayList<>();
        claims.add(exactNetsAreInvariant(stats));
        TreeSet<Integer> exact = sizes(stats, true);
        TreeSet<Integer> approx = sizes(stats, false);
        String beat = "approximate nets beat the exact net at 0° under upright training";
        String below = "approximate nets fall far below the exact net at 180° under upright training (by ≥ "
                + fmt(FAR_BELOW_PP) + " pp)";
        String closes = "with uniform rotations in the training data the gap closes (mean accuracy over angles within "
                + fmt(GAP_CLOSED_PP) + " pp)";
        if (exact.isEmpty() || approx.isEmpty()) {
            String what = EQUIVARIANT + " at both an exact and an approximate input size";
            claims.add(Claim.missing(beat, what));
            claims.add(Claim.missing(below, what));
            claims.add(Claim.missing(closes, what));
        } else {
            int e = exact.first();
            claims.add(compare(stats, beat, "upright", "accuracy_at_0", e, approx, (a, x) -> a > x));
            claims.add(compare(stats, below, "upright", "accuracy_at_180", e, approx, (a, x) -> a <= x - FAR_BELOW_PP));
            claims.add(gapCloses(stats, closes, e, approx));
        }
        claims.add(baselineIsWorst(stats));
        return claims;
    }

    private static TreeSet<Integer> sizes(SettingStats stats, boolean exact) {
        return stats.cells.stream().filter(c -> c.architecture().equals(EQUIVARIANT) && c.exact() == exact)
                .map(SettingStats.Cell::inputSize).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Claim exactNetsAreInvariant(SettingStats stats) {
        String statement = "exact group-equivariant nets are invariant to 90° rotations (|acc(k·90°) − acc(0°)| ≤ "
                + fmt(INVARIANCE_TOLERANCE_PP) + " pp in every cell)";
        var exactCells = stats.cells.stream().filter(c -> c.exact()
                && !Architectures.get(c.architecture()).group().name().equals("C1")).toList();
        if (exactCells.isEmpty()) {
            return Claim.missing(statement, "an exact group-equivariant net");
        }
        double worst = 0;
        String where = "";
        for (SettingStats.Cell c : exactCells) {
            Double zero = c.values().get("accuracy_at_0");
            for (String m : List.of("accuracy_at_90", "accuracy_at_180", "accuracy_at_270")) {
                Double v = c.values().get(m);
                if (zero != null && v != null && Math.abs(v - zero) >= worst) {
                    worst = Math.abs(v - zero);
                    where = c.architecture() + "@" + c.inputSize() + " " + c.symmetry() + " " + m.replace("accuracy_at_", "") + "°";
                }
            }
        }
        return Claim.of(statement, worst <= INVARIANCE_TOLERANCE_PP, String.format(Locale.ROOT,
                "largest difference over %d exact cells: %s pp (%s)", exactCells.size(), fmt(worst), where));
    }

    private interface Test {
        boolean holds(double approximate, double exact);
    }

    private static Claim compare(SettingStats stats, String statement, String symmetry, String metric, int exact,
                                 TreeSet<Integer> approx, Test test) {
        SettingStats.Stat e = stats.stat(EQUIVARIANT, exact, symmetry, metric);
        if (e.n() == 0) {
            return Claim.missing(statement, EQUIVARIANT + "@" + exact + " " + symmetry);
        }
        boolean holds = true;
        List<String> parts = new ArrayList<>();
        for (int size : approx) {
            SettingStats.Stat a = stats.stat(EQUIVARIANT, size, symmetry, metric);
            if (a.n() == 0) {
                return Claim.missing(statement, EQUIVARIANT + "@" + size + " " + symmetry);
            }
            holds &= test.holds(a.mean(), e.mean());
            parts.add(EQUIVARIANT + "@" + size + " " + fmt(a.mean()));
        }
        return Claim.of(statement, holds, metric + ": " + String.join(", ", parts) + " vs exact " + EQUIVARIANT + "@" + exact
                + " " + fmt(e.mean()));
    }

    private static Claim gapCloses(SettingStats stats, String statement, int exact, TreeSet<Integer> approx) {
        String metric = "mean_rotation_accuracy";
        SettingStats.Stat e = stats.stat(EQUIVARIANT, exact, "uniform", metric);
        if (e.n() == 0) {
            return Claim.missing(statement, EQUIVARIANT + "@" + exact + " uniform");
        }
        boolean holds = true;
        List<String> parts = new ArrayList<>();
        for (int size : approx) {
            SettingStats.Stat a = stats.stat(EQUIVARIANT, size, "uniform", metric);
            if (a.n() == 0) {
                return Claim.missing(statement, EQUIVARIANT + "@" + size + " uniform");
            }
            double gap = Math.abs(a.mean() - e.mean());
            holds &= gap <= GAP_CLOSED_PP;
            SettingStats.Stat upright = stats.stat(EQUIVARIANT, size, "upright", metric);
            SettingStats.Stat uprightExact = stats.stat(EQUIVARIANT, exact, "upright", metric);
            parts.add(String.format(Locale.ROOT, "@%d: %s pp%s", size, fmt(gap), upright.n() == 0 || uprightExact.n() == 0 ? ""
                    : " (upright: " + fmt(Math.abs(upright.mean() - uprightExact.mean())) + " pp)"));
        }
        return Claim.of(statement, holds, "|approximate − exact " + EQUIVARIANT + "@" + exact + "| " + String.join(", ", parts));
    }

    private static Claim baselineIsWorst(SettingStats stats) {
        String statement = BASELINE + " is worst on unseen rotations under upright training (mean accuracy over angles)";
        String metric = "mean_rotation_accuracy";
        var settings = stats.cells.stream().filter(c -> c.symmetry().equals("upright"))
                .map(c -> c.architecture() + "@" + c.inputSize()).collect(Collectors.toCollection(TreeSet::new));
        if (settings.stream().noneMatch(s -> s.startsWith(BASELINE + "@")) || settings.size() < 2) {
            return Claim.missing(statement, BASELINE + " and another net trained upright");
        }
        double worstOther = Double.POSITIVE_INFINITY;
        double baseline = Double.POSITIVE_INFINITY;
        List<String> parts = new ArrayList<>();
        for (String s : settings) {
            String[] a = s.split("@");
            double mean = stats.stat(a[0], Integer.parseInt(a[1]), "upright", metric).mean();
            parts.add(s + " " + fmt(mean));
            if (a[0].equals(BASELINE)) {
                baseline = Math.min(baseline, mean);
            } else {
                worstOther = Math.min(worstOther, mean);
            }
        }
        return Claim.of(statement, baseline < worstOther, String.join(", ", parts));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

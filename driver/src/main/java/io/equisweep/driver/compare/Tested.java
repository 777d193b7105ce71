package io.equisweep.driver.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One comparison behind a claim: a {@link WelchContrast} over seeds and the rule that decides it.
 *
 * @param what  e.g. {@code p4cnn@27 − p4cnn@28, accuracy at 0°}
 * @param unit  {@code pp} for accuracies, empty for errors
 */
record Tested(String what, WelchContrast contrast, Rule rule, double margin, String unit) {

    /** How a contrast decides its part of a claim. */
    enum Rule {
        /** The contrast is positive: significant and positive holds, significant and negative contradicts. */
        POSITIVE,
        /** The contrast is at least the margin: its interval above it holds, below it contradicts. */
        AT_LEAST,
        /** |contrast| is at most the margin: its interval inside ±margin holds, wholly outside contradicts. */
        WITHIN,
        /** The contrast is not 0: significant holds; no test can show it is 0, so nothing contradicts. */
        NONZERO
    }

    static Tested positive(String what, WelchContrast c, String unit) {
        return new Tested(what, c, Rule.POSITIVE, 0, unit);
    }

    static Tested atLeast(String what, WelchContrast c, double margin, String unit) {
        return new Tested(what, c, Rule.AT_LEAST, margin, unit);
    }

    static Tested within(String what, WelchContrast c, double margin, String unit) {
        return new Tested(what, c, Rule.WITHIN, margin, unit);
    }

    static Tested nonzero(String what, WelchContrast c, String unit) {
        return new Tested(what, c, Rule.NONZERO, 0, unit);
    }

    Claim.Verdict verdict() {
        WelchContrast c = contrast;
        if (!c.defined()) {
            return Claim.Verdict.INCONCLUSIVE;
        }
        return switch (rule) {
            case POSITIVE -> !c.significant() ? Claim.Verdict.INCONCLUSIVE
                    : c.estimate() > 0 ? Claim.Verdict.HOLDS : Claim.Verdict.CONTRADICTED;
            case AT_LEAST -> c.low() >= margin ? Claim.Verdict.HOLDS
                    : c.high() < margin ? Claim.Verdict.CONTRADICTED : Claim.Verdict.INCONCLUSIVE;
            case WITHIN -> c.low() >= -margin && c.high() <= margin ? Claim.Verdict.HOLDS
                    : c.low() > margin || c.high() < -margin ? Claim.Verdict.CONTRADICTED : Claim.Verdict.INCONCLUSIVE;
            case NONZERO -> c.significant() ? Claim.Verdict.HOLDS : Claim.Verdict.INCONCLUSIVE;
        };
    }

    /** The distance the interval must clear: from 0, or from the margin. */
    private double effect() {
        return switch (rule) {
            case POSITIVE, NONZERO -> contrast.estimate();
            case AT_LEAST -> contrast.estimate() - margin;
            case WITHIN -> margin - Math.abs(contrast.estimate());
        };
    }

    /** e.g. {@code p4cnn@27 − p4cnn@28 at 0°: +2.75 pp [−1.20, +6.70], n 4/4, p 0.142 → INCONCLUSIVE (…)}. */
    String describe() {
        WelchContrast c = contrast;
        String n = Arrays.stream(c.n()).mapToObj(String::valueOf).collect(Collectors.joining("/"));
        String rule = switch (this.rule) {
            case POSITIVE -> "> 0";
            case AT_LEAST -> "≥ " + num(margin);
            case WITHIN -> "within ±" + num(margin);
            case NONZERO -> "≠ 0";
        };
        StringBuilder s = new StringBuilder(what).append(" (claimed ").append(rule).append(unit.isEmpty() ? "" : " " + unit)
                .append("): ").append(signed(c.estimate())).append(unit.isEmpty() ? "" : " " + unit);
        if (c.defined()) {
            s.append(" [").append(signed(c.low())).append(", ").append(signed(c.high())).append("]");
        }
        s.append(", n ").append(n);
        if (c.defined()) {
            s.append(String.format(Locale.ROOT, ", p %.3g", c.p()));
        }
        Claim.Verdict v = verdict();
        s.append(" → ").append(v);
        if (v == Claim.Verdict.INCONCLUSIVE) {
            int seeds = c.seedsToResolve(effect());
            s.append(!c.defined() ? " (a sample of one seed has no spread to size a sweep by)"
                    : seeds < 0 ? " (no difference at all: no number of seeds resolves it)"
                    : " (" + seeds + " seeds per setting would resolve it at this spread)");
        }
        return s.toString();
    }

    private String signed(double v) {
        return Math.abs(v) >= 0.01 || v == 0 ? String.format(Locale.ROOT, "%+.2f", v) : String.format(Locale.ROOT, "%+.2e", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

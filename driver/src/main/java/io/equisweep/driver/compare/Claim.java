package io.equisweep.driver.compare;

import java.util.List;

/**
 * One of the paper's claims as decided on a sweep: its verdict and the comparisons (or per-cell checks) behind it.
 */
public record Claim(String statement, Verdict verdict, List<String> evidence) {
    /** What the data say of a claim. */
    public enum Verdict {
        /** Every comparison is significant in the claimed direction (or every cell within tolerance). */
        HOLDS,
        /** Some comparison is significant against the claim (or some cell outside tolerance). */
        CONTRADICTED,
        /** Nothing contradicts it, but some comparison cannot tell at α = 0.05 with these seeds. */
        INCONCLUSIVE,
        /** The sweep lacks the cells it needs. */
        MISSING;

        /** All hold: holds; any contradicted: contradicted; else missing before inconclusive. */
        static Verdict combine(List<Verdict> parts) {
            if (parts.isEmpty()) {
                return MISSING;
            }
            if (parts.contains(CONTRADICTED)) {
                return CONTRADICTED;
            }
            if (parts.contains(MISSING)) {
                return MISSING;
            }
            return parts.contains(INCONCLUSIVE) ? INCONCLUSIVE : HOLDS;
        }
    }

    static Claim missing(String statement, String what) {
        return new Claim(statement, Verdict.MISSING, List.of("no ok cells for " + what));
    }

    static Claim ofTests(String statement, List<Tested> tests) {
        return new Claim(statement, Verdict.combine(tests.stream().map(Tested::verdict).toList()),
                tests.stream().map(Tested::describe).toList());
    }
}

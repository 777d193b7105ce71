package io.equisweep.driver.compare;

/** One of the paper's qualitative claims as checked on a sweep: holds, fails, or lacks the cells to tell. */
record Claim(String statement, Verdict verdict, String evidence) {
    enum Verdict { PASS, FAIL, MISSING }

    static Claim missing(String statement, String what) {
        return new Claim(statement, Verdict.MISSING, "no cells for " + what);
    }

    static Claim of(String statement, boolean holds, String evidence) {
        return new Claim(statement, holds ? Verdict.PASS : Verdict.FAIL, evidence);
    }
}

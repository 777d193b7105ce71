package io.equisweep.driver.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A sweep spec that cannot be used, with every problem found in it. */
public final class SpecException extends RuntimeException {
    private final String source;
    private final List<SpecProblem> problems;

    public SpecException(String source, List<SpecProblem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    private static String format(String source, List<SpecProblem> problems) {
        String head = source + ": " + (problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        return head + "\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}

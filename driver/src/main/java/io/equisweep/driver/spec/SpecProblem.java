package io.equisweep.driver.spec;

/** One thing wrong with a sweep spec, at a YAML path such as {@code grid.inputSize[1]}. */
public record SpecProblem(String path, String message) {
    @Override
    public String toString() {
        return (path.isEmpty() ? "(top level)" : path) + ": " + message;
    }
}

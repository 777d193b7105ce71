package io.equisweep.workers.data;

/** Checks of the option values file-backed datasets share: split sizes and seeds, each with its message. */
final class OptionValues {
    private OptionValues() {
    }

    static boolean isInteger(String value, long min) {
        try {
            return Long.parseLong(value) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A size of at least {@code min} images, or the word {@code word} ({@code all}, {@code auto}; {@code null}: no
     * word); null when valid.
     */
    static String sizeProblem(String key, String value, long min, String word) {
        if (value.equals(word) || isInteger(value, min)) {
            return null;
        }
        return "option '" + key + "' must be a " + (min > 0 ? "positive" : "non-negative") + " integer"
                + (word == null ? "" : " or '" + word + "'") + ", got '" + value + "'";
    }

    static void addIfAny(java.util.List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** Null when {@code value} is an integer. */
    static String seedProblem(String value) {
        return isInteger(value, Long.MIN_VALUE) ? null : "option 'seed' must be an integer, got '" + value + "'";
    }
}

package io.equisweep.driver.spark;

import java.util.Map;

/** Which cells of a sweep a run executes, given each cell's latest stored status. */
public enum RerunPolicy {
    /** Everything not yet {@code ok}: new cells and failed or diverged ones (the default). */
    NOT_OK,
    /** Only cells whose latest attempt failed or diverged. */
    FAILED_ONLY,
    /** Every cell, even those already {@code ok}. */
    ALL;

    /** Whether a cell whose latest status is {@code status} ({@code null}: never run) is executed. */
    public boolean runs(String status) {
        return switch (this) {
            case NOT_OK -> !"ok".equals(status);
            case FAILED_ONLY -> "failed".equals(status) || "diverged".equals(status);
            case ALL -> true;
        };
    }

    public static String state(Map<String, String> latest, String cellId) {
        return latest.getOrDefault(cellId, "new");
    }
}

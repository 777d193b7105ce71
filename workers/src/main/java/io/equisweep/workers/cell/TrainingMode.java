package io.equisweep.workers.cell;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a cell's network is trained. */
public enum TrainingMode {
    /** In the cell's own Spark task, on one executor core (the default). */
    SINGLE("single"),
    /**
     * Across the cluster: the driver spreads each epoch's minibatches over the executors and averages
     * the workers' parameters (DL4J's parameter averaging), for a network too big for one executor core.
     */
    DATA_PARALLEL("data-parallel");

    private final String specName;

    TrainingMode(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static TrainingMode fromSpecName(String name) {
        for (TrainingMode m : values()) {
            if (m.specName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown training mode '" + name + "'; valid: "
                + Arrays.stream(values()).map(TrainingMode::specName).collect(Collectors.joining(", ")));
    }
}

package io.equisweep.workers.cell;

import java.util.List;
import java.util.Objects;

/**
 * What one cell attempt produced. Metrics are {@code NaN} where the cell did not get that far.
 *
 * @param divergedEpoch the 1-based epoch whose loss became non-finite, or 0
 * @param layers        equivariance errors per probed layer and group element, at init and after training
 * @param metricSeconds time spent on evaluation and equivariance measurement together
 * @param backend       the ND4J native library that ran the cell
 */
public record CellResult(
        String cellId,
        CellStatus status,
        String error,
        int divergedEpoch,
        long parameterCount,
        double trainSeconds,
        double evalSeconds,
        long startedAtMillis,
        long finishedAtMillis,
        double finalTrainLoss,
        double trainAccuracy,
        double validationAccuracy,
        double testAccuracy,
        List<EpochRecord> epochs,
        List<TransformAccuracy> accuracies,
        AccuracySummary summary,
        List<LayerError> layers,
        double metricSeconds,
        String backend) {

    public CellResult {
        Objects.requireNonNull(cellId, "cellId");
        Objects.requireNonNull(status, "status");
        error = error == null ? "" : error;
        epochs = List.copyOf(epochs);
        accuracies = List.copyOf(accuracies);
        summary = summary == null ? AccuracySummary.NONE : summary;
        layers = List.copyOf(layers);
        backend = backend == null ? "" : backend;
    }

    /** A result for a cell that stopped before producing metrics. */
    public static CellResult stopped(String cellId, CellStatus status, String error, long startedAtMillis,
                                     String backend) {
        return new CellResult(cellId, status, error, 0, 0, Double.NaN, Double.NaN, startedAtMillis,
                System.currentTimeMillis(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), List.of(),
                AccuracySummary.NONE, List.of(), Double.NaN, backend);
    }
}

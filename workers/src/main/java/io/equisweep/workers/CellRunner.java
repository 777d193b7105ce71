package io.equisweep.workers;

import io.equisweep.workers.arch.Architecture;
import io.equisweep.workers.arch.Architectures;
import io.equisweep.workers.arch.ExactnessAnalysis;
import io.equisweep.workers.arch.ExactnessReport;
import io.equisweep.workers.arch.ParameterCount;
import io.equisweep.workers.cell.AccuracySummary;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.TransformAccuracy;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.DatasetException;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.Preprocessing;
import io.equisweep.workers.metrics.EquivarianceMetrics;
import io.equisweep.workers.metrics.TestAccuracies;
import io.equisweep.workers.symmetry.DataSymmetry;
import io.equisweep.workers.train.DivergenceException;
import io.equisweep.workers.train.EpochFitter;
import io.equisweep.workers.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one seam between the driver and everything that happens inside a cell: load the data, apply
 * the cell's symmetry distribution, train, evaluate. It never throws for a problem of the cell
 * itself: such problems come back as a {@code failed}, {@code diverged} or {@code invalid} result.
 */
public final class CellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

    private CellRunner() {
    }

    /**
     * Runs one cell on {@code data}, the splits of the cell's dataset as the caller provides them (a broadcast
     * copy, an executor's cache, a fresh load); a failure to provide them fails the cell. The minibatch steps of
     * every epoch go to {@code fitter}: {@link EpochFitter#LOCAL}, or the driver's data-parallel fitter that
     * spreads them over the cluster.
     */
    public static CellResult run(CellSpec spec, Supplier<DatasetSplits> data, EpochFitter fitter) {
        return runPrepared(spec, () -> prepare(spec, data.get()), fitter);
    }

    /**
     * As {@link #run}, on the cell's data as {@link #prepare} makes it, which {@code data} provides (a data-parallel
     * cell's driver shares it with the executors of its JVM); a failure to provide it fails the cell.
     */
    public static CellResult runPrepared(CellSpec spec, Supplier<CellData> data, EpochFitter fitter) {
        long started = System.currentTimeMillis();
        String backend = "";
        try {
            backend = NativeBackend.describe();
            Architecture architecture = Architectures.get(spec.architecture());
            ExactnessReport exactness = ExactnessAnalysis.analyse(architecture, spec.inputSize());
            if (!exactness.valid()) {
                return CellResult.stopped(spec.id(), CellStatus.INVALID, exactness.problem(), started, backend);
            }
            return train(spec, architecture, data.get(), fitter, started, backend);
        } catch (DatasetException e) {
            return CellResult.stopped(spec.id(), CellStatus.FAILED, e.getMessage(), started, backend);
        } catch (Exception | OutOfMemoryError e) {
            LOG.warn("cell {} ({}) failed", spec.id(), spec.label(), e);
            return CellResult.stopped(spec.id(), CellStatus.FAILED, describe(e), started, backend);
        }
    }

    /**
     * The cell's view of its dataset's splits: its symmetry, training fraction, preprocessing and input size applied,
     * deterministically (the cell's seed), so that every JVM that prepares a cell gets the same data.
     */
    public static CellData prepare(CellSpec spec, DatasetSplits splits) {
        return CellData.prepare(splits, spec.inputSize(), DataSymmetry.parse(spec.symmetry()), spec.seed(),
                spec.training().trainFraction(), new Preprocessing(spec.training().crop(), spec.training().circleCrop()));
    }

    private static CellResult train(CellSpec spec, Architecture architecture, CellData data, EpochFitter fitter,
                                    long started, String backend) {
        Trainer trainer = new Trainer(spec.training(), spec.seed(), fitter);
        int batches = Trainer.batchesPerEpoch(data.train().count(), spec.training().batchSize());
        var shape = new Architecture.NetworkShape(spec.inputSize(), data.train().channels(), data.train().classes(),
                spec.training().dropout());
        ComputationGraph net = new ComputationGraph(architecture.configure(trainer.baseConfiguration(batches), shape));
        net.init();
        long parameters = ParameterCount.trainable(net);

        int epochCount = spec.training().epochsToTrain();
        long metricStart = System.nanoTime();
        INDArray probeBatch = EquivarianceMetrics.evaluationBatch(data);
        List<LayerError> layers = new ArrayList<>(
                EquivarianceMetrics.measure(architecture, net, probeBatch, 0, epochCount));
        long initNanos = System.nanoTime() - metricStart;
        // Time spent measuring between epochs: counted as metrics, not training.
        long[] duringNanos = {0};

        List<EpochRecord> epochs = new ArrayList<>();
        long trainStart = System.nanoTime();
        try {
            // The last epoch is measured after training, with the test accuracies.
            trainer.train(net, data, epochs, epoch -> {
                if (epoch < epochCount && spec.evaluation().measuresEquivarianceAfter(epoch, epochCount)) {
                    long at = System.nanoTime();
                    layers.addAll(EquivarianceMetrics.measure(architecture, net, probeBatch, epoch, epochCount));
                    duringNanos[0] += System.nanoTime() - at;
                }
            });
        } catch (DivergenceException e) {
            double seconds = (System.nanoTime() - trainStart - duringNanos[0]) / 1e9;
            double metricSeconds = (initNanos + duringNanos[0]) / 1e9;
            EpochRecord last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
            return new CellResult(spec.id(), CellStatus.DIVERGED, e.getMessage(), e.epoch(), parameters, seconds,
                    Double.NaN, started, System.currentTimeMillis(), Double.NaN,
                    last == null ? Double.NaN : last.trainAccuracy(),
                    last == null ? Double.NaN : last.validationAccuracy(), Double.NaN, epochs, List.of(),
                    AccuracySummary.NONE, layers, metricSeconds, backend);
        }
        double trainSeconds = (System.nanoTime() - trainStart - duringNanos[0]) / 1e9;

        long evalStart = System.nanoTime();
        List<TransformAccuracy> accuracies = TestAccuracies.measure(net, data, spec.evaluation());
        AccuracySummary summary = AccuracySummary.of(accuracies, spec.evaluation().angles());
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        layers.addAll(EquivarianceMetrics.measure(architecture, net, probeBatch, epochCount, epochCount));
        double metricSeconds = (initNanos + duringNanos[0] + System.nanoTime() - evalStart) / 1e9;
        EpochRecord last = epochs.get(epochs.size() - 1);
        return new CellResult(spec.id(), CellStatus.OK, "", 0, parameters, trainSeconds, evalSeconds, started,
                System.currentTimeMillis(), last.trainLoss(), last.trainAccuracy(), last.validationAccuracy(),
                summary.upright(), epochs, accuracies, summary, layers, metricSeconds, backend);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- caused by ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}

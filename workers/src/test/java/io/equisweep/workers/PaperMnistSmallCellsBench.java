package io.equisweep.workers;

import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.train.EpochFitter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * Cells on paper-mnist-small's settings (MNIST 8,000 / 1,000 / 1,000, 3 epochs at batch 64, Adam 0.01), evaluated at
 * every 10° with the reflections and equivariance measured after every epoch, run one after another in this JVM on
 * one copy of the dataset, as an executor runs them: {@code ARCH:SYMMETRY:SEED ...}. Prints each cell's training,
 * evaluation and metric seconds ({@code metric_seconds} includes the evaluation) and their ratio.
 */
public final class PaperMnistSmallCellsBench {
    private PaperMnistSmallCellsBench() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Datasets.get("mnist").optionDefaults());
        options.putAll(Map.of("trainSize", "8000", "validationSize", "1000", "testSize", "1000", "seed", "0"));
        DatasetSpec dataset = new DatasetSpec("mnist", options);
        DatasetSplits splits = Datasets.loader(dataset).get();
        TrainingSpec training = new TrainingSpec(3, 64, Optimizer.ADAM, 0.01, 0, 1e-5, LearningRateSchedule.step(0.5, 10), 0.3);
        EvaluationSpec evaluation = new EvaluationSpec(DoubleStream.iterate(0, a -> a < 360, a -> a + 10).boxed().toList(),
                true, 1);
        for (String arg : args) {
            String[] p = arg.split(":");
            CellSpec cell = new CellSpec(arg, p[0], 28, p[1], Long.parseLong(p[2]), dataset, training, evaluation);
            CellResult r = CellRunner.run(cell, () -> splits, EpochFitter.LOCAL);
            System.out.printf(Locale.ROOT, "CELL %s %s train %.1f s eval %.2f s metric %.2f s metric/train %.4f test %.4f%n",
                    arg, r.status(), r.trainSeconds(), r.evalSeconds(), r.metricSeconds(),
                    r.metricSeconds() / r.trainSeconds(), r.testAccuracy());
        }
    }
}

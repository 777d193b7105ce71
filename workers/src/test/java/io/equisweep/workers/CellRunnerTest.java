package io.equisweep.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.cell.TransformAccuracy;
import io.equisweep.workers.data.SyntheticGlyphs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellRunnerTest {
    /** The cell on its dataset read from its files, trained in this JVM. */
    private static CellResult run(CellSpec spec) {
        return CellRunner.run(spec, io.equisweep.workers.data.Datasets.loader(spec.dataset()),
                io.equisweep.workers.train.EpochFitter.LOCAL);
    }


    static DatasetSpec smallGlyphs() {
        Map<String, String> options = new HashMap<>(new SyntheticGlyphs().optionDefaults());
        options.put("seed", "5");
        options.put("trainSize", "600");
        options.put("validationSize", "100");
        options.put("testSize", "200");
        return new DatasetSpec("synthetic", options);
    }

    static CellSpec cell(String id, int inputSize, String symmetry, TrainingSpec training) {
        return new CellSpec(id, "z2cnn", inputSize, symmetry, 1, smallGlyphs(), training,
                new EvaluationSpec(List.of(0.0, 90.0, 45.0), true));
    }

    static TrainingSpec training(int epochs, double learningRate) {
        return new TrainingSpec(epochs, 32, Optimizer.ADAM, learningRate, 0, 1e-5, LearningRateSchedule.step(0.5, 2), 0.1);
    }

    @Test
    void trainsAnUprightCellAndScoresEveryTransform() {
        CellResult r = run(cell("c1", 28, "upright", training(3, 0.01)));
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.parameterCount()).isEqualTo(25_210);
        assertThat(r.epochs()).hasSize(3);
        assertThat(r.epochs().get(2).trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
        assertThat(r.epochs().get(2).learningRate()).isEqualTo(0.005);
        assertThat(r.testAccuracy()).isGreaterThan(0.5);
        // The evaluation's angles, then the quarter turns it did not name, then the four reflections.
        assertThat(r.accuracies()).extracting(a -> a.transform() + "@" + a.angle()).containsExactly(
                "rotation@0.0", "rotation@90.0", "rotation@45.0", "rotation@180.0", "rotation@270.0",
                "flip-rotation@0.0", "flip-rotation@90.0", "flip-rotation@180.0", "flip-rotation@270.0");
        assertThat(r.accuracies().get(0).accuracy()).isEqualTo(r.testAccuracy());
        assertThat(r.summary().upright()).isEqualTo(r.testAccuracy());
        assertThat(r.summary().meanRotation()).isCloseTo((r.accuracies().get(0).accuracy() + r.accuracies().get(1).accuracy()
                + r.accuracies().get(2).accuracy()) / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.summary().d4()).isBetween(0.0, 1.0);
        // An ordinary CNN trained upright does not generalise to a quarter turn of the glyphs.
        assertThat(r.accuracies().get(1).accuracy()).isLessThan(r.testAccuracy() - 0.2);
        assertThat(r.summary().c4()).isLessThan(r.testAccuracy());
        // z2cnn has no group structure: only its logits are probed, under the 7 non-identity elements of D4.
        assertThat(r.layers()).extracting(LayerError::layer).containsOnly("logits");
        // At initialisation and after each of the 3 epochs.
        assertThat(r.layers()).hasSize(4 * 7);
        assertThat(r.layers()).extracting(LayerError::epoch).containsOnly(0, 1, 2, 3);
        assertThat(r.backend()).startsWith("nd4j-cpu linux-x86_64");
    }

    @Test
    void anUprightTrainedExactP4cnnKeepsItsAccuracyUnderQuarterTurns() {
        CellSpec spec = new CellSpec("p4", "p4cnn", 28, "upright", 1, smallGlyphs(), training(5, 0.01),
                new EvaluationSpec(List.of(0.0, 90.0, 180.0, 270.0), false));
        CellResult r = run(spec);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.parameterCount()).isEqualTo(24_810);
        assertThat(r.epochs().get(4).trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
        assertThat(r.testAccuracy()).isGreaterThan(0.5);
        // Exactly invariant to 90° rotations: the same predictions, so the same accuracy.
        assertThat(r.accuracies()).extracting(TransformAccuracy::accuracy).containsOnly(r.testAccuracy());
        assertThat(r.summary().c4()).isEqualTo(r.testAccuracy());
        // Exactly equivariant at every depth, at initialisation and after every epoch.
        assertThat(r.layers()).hasSize(6 * 3 * 10);      // epochs 0-5 × 3 elements × 10 probes
        assertThat(r.layers()).extracting(e -> e.epoch() + " " + e.stage()).containsOnly("0 init", "1 training",
                "2 training", "3 training", "4 training", "5 trained");
        assertThat(r.layers()).allSatisfy(e -> assertThat(e.relative()).as(e.toString()).isLessThan(1e-5));
    }

    @Test
    void equivarianceEveryTwoEpochsMeasuresAtInitialisationEvenEpochsAndTheLast() {
        CellSpec spec = new CellSpec("z", "z2cnn", 28, "upright", 1, smallGlyphs(), training(3, 0.01),
                new EvaluationSpec(List.of(0.0), false, 2));
        CellResult r = run(spec);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.layers()).extracting(LayerError::epoch).containsOnly(0, 2, 3);
        CellResult never = run(new CellSpec("z", "z2cnn", 28, "upright", 1, smallGlyphs(), training(3, 0.01),
                new EvaluationSpec(List.of(0.0), false, 0)));
        assertThat(never.layers()).extracting(LayerError::epoch).containsOnly(0, 3);
        // Measuring between epochs leaves training alone.
        assertThat(never.finalTrainLoss()).isEqualTo(r.finalTrainLoss());
    }

    @Test
    void anApproximateCellIsMeasurablyBrokenPastThePoolAfterTraining() {
        CellSpec spec = new CellSpec("p4@29", "p4cnn", 29, "upright", 1, smallGlyphs(), training(1, 0.01),
                new EvaluationSpec(List.of(0.0), false));
        CellResult r = run(spec);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        for (String layer : List.of("relu3", "relu5", "relu7", "gap")) {
            double worst = r.layers().stream().filter(e -> e.stage().equals(LayerError.TRAINED) && e.layer().equals(layer))
                    .mapToDouble(LayerError::relative).max().orElseThrow();
            assertThat(worst).as(layer).isGreaterThan(1e-2);
        }
        assertThat(r.layers()).filteredOn(e -> e.layer().equals("relu2")).allSatisfy(e -> assertThat(e.relative()).isLessThan(1e-5));
    }

    @Test
    void p4mMeasurementsCoverAllSevenNonIdentityElements() {
        CellSpec spec = new CellSpec("p4m", "p4mcnn", 28, "upright", 1, smallGlyphs(),
                new TrainingSpec(1, 64, Optimizer.ADAM, 0.01, 0, 0, LearningRateSchedule.constant(), 0),
                new EvaluationSpec(List.of(0.0), true));
        CellResult r = run(spec);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.layers()).filteredOn(e -> e.stage().equals(LayerError.TRAINED) && e.layer().equals("relu4"))
                .extracting(LayerError::element).containsExactlyInAnyOrder("r", "r2", "r3", "f", "rf", "r2f", "r3f");
        assertThat(r.layers()).allSatisfy(e -> assertThat(e.relative()).isLessThan(1e-5));
        assertThat(r.summary().d4()).isEqualTo(r.testAccuracy());
    }

    @Test
    void sameCellGivesIdenticalMetrics() {
        CellSpec spec = cell("c2", 29, "c4", training(1, 0.01));
        CellResult a = run(spec);
        CellResult b = run(spec);
        assertThat(a.status()).as(a.error()).isEqualTo(CellStatus.OK);
        assertThat(b.epochs()).extracting("trainLoss").isEqualTo(a.epochs().stream().map(e -> e.trainLoss()).toList());
        assertThat(b.accuracies()).isEqualTo(a.accuracies());
    }

    @Test
    void tooSmallInputIsInvalidNotFailed() {
        CellResult r = run(cell("c3", 7, "upright", training(1, 0.01)));
        assertThat(r.status()).isEqualTo(CellStatus.INVALID);
        assertThat(r.error()).contains("input size 7 is too small for z2cnn");
    }

    @Test
    void hugeLearningRateDiverges() {
        TrainingSpec wild = new TrainingSpec(2, 32, Optimizer.SGD, 1e9, 0.9, 0, LearningRateSchedule.constant(), 0);
        CellResult r = run(cell("c4", 28, "upright", wild));
        assertThat(r.status()).isEqualTo(CellStatus.DIVERGED);
        assertThat(r.divergedEpoch()).isEqualTo(1);
        assertThat(r.error()).startsWith("training diverged: loss");
    }

    @Test
    void unknownDatasetFailsWithTheValidNames() {
        CellSpec spec = new CellSpec("c5", "z2cnn", 28, "upright", 1, new DatasetSpec("mnist-ish", Map.of()),
                training(1, 0.01), new EvaluationSpec(List.of(0.0), false));
        CellResult r = run(spec);
        assertThat(r.status()).isEqualTo(CellStatus.FAILED);
        assertThat(r.error()).contains("unknown dataset 'mnist-ish'; valid: synthetic");
    }
}

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
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.SyntheticGlyphs;
import io.equisweep.workers.train.EpochFitter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tiny cell of each architecture the paper's other experiments added, end to end through the workers' seam: one
 * epoch on a few glyphs at 9×9, the smallest input every one of them takes exactly (ResNet-18: n ≡ 1 mod 8; the
 * ResNet-44s: n ≡ 1 mod 4), tested, and measured for equivariance, which is exact at every probe but the logits of
 * the nets without a coset pool.
 */
class NewArchitectureCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet18-z2", "resnet18-p4", "resnet18-p4m", "resnet18-p4-cosetpool", "resnet18-p4-gc",
        "resnet18-p4m-gc", "resnet44-p4-gc", "resnet44-p4m-gc", "resnet44-z2-pcam", "resnet44-p4-pcam"})
    void trainsOneEpochAndMeasuresExactEquivarianceAtAnExactSize(String architecture) {
        Map<String, String> options = new HashMap<>(new SyntheticGlyphs().optionDefaults());
        options.put("trainSize", "16");
        options.put("validationSize", "8");
        options.put("testSize", "8");
        DatasetSpec data = new DatasetSpec("synthetic", options);
        TrainingSpec training = new TrainingSpec(1, 8, Optimizer.SGD, 0.01, 0.9, 1e-5,
                LearningRateSchedule.constant(), 0);
        CellSpec cell = new CellSpec("tiny-" + architecture, architecture, 9, "upright", 1, data, training,
                new EvaluationSpec(List.of(0.0, 90.0), false));

        CellResult r = CellRunner.run(cell, Datasets.loader(data), EpochFitter.LOCAL);

        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        assertThat(r.epochs()).hasSize(1);
        assertThat(r.epochs().get(0).trainLoss()).isFinite();
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        if (!architecture.contains("z2")) {
            // Every feature map is exactly equivariant; the logits are invariant only behind a coset pool (the paper's
            // classifiers read all |G| channels of each field).
            boolean cosetPooled = architecture.endsWith("-cosetpool") || architecture.equals("resnet44-p4-pcam");
            assertThat(r.layers()).filteredOn(e -> cosetPooled || !e.layer().equals("logits")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.relative()).as(e.layer() + " at epoch " + e.epoch()).isLessThan(1e-5));
            if (!cosetPooled) {
                assertThat(r.layers()).filteredOn(e -> e.layer().equals("logits"))
                        .allSatisfy(e -> assertThat(e.relative()).isGreaterThan(1e-2));
            }
            assertThat(r.layers()).extracting(LayerError::epoch).contains(0, 1);
        }
    }
}

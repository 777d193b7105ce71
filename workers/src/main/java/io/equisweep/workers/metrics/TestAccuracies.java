package io.equisweep.workers.metrics;

import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.TransformAccuracy;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Scores a trained network on every test transform a cell asks for: the evaluation's rotation angles,
 * the four exact quarter turns whatever the angles, and with {@code flips} the four reflections followed
 * by a quarter turn.
 */
public final class TestAccuracies {
    static final List<Double> QUARTER_TURNS = List.of(0.0, 90.0, 180.0, 270.0);

    private TestAccuracies() {
    }

    public static List<TransformAccuracy> measure(ComputationGraph net, CellData data, EvaluationSpec evaluation) {
        Set<Double> rotations = new LinkedHashSet<>(evaluation.angles());
        rotations.addAll(QUARTER_TURNS);
        List<TransformAccuracy> out = new ArrayList<>();
        for (double angle : rotations) {
            out.add(new TransformAccuracy(TransformAccuracy.ROTATION, angle,
                    Accuracy.under(net, data.test(), new Transform(false, angle), data.mean(), data.std())));
        }
        if (evaluation.flips()) {
            for (double angle : QUARTER_TURNS) {
                out.add(new TransformAccuracy(TransformAccuracy.FLIP_ROTATION, angle,
                        Accuracy.under(net, data.test(), new Transform(true, angle), data.mean(), data.std())));
            }
        }
        return out;
    }
}

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
 * by a quarter turn. The transformed test images come from {@link TransformedTestSets}, shared with this JVM's other
 * cells; the accuracies are the same bits as transforming batch by batch.
 */
public final class TestAccuracies {
    static final List<Double> QUARTER_TURNS = List.of(0.0, 90.0, 180.0, 270.0);

    private TestAccuracies() {
    }

    public static List<TransformAccuracy> measure(ComputationGraph net, CellData data, EvaluationSpec evaluation) {
        return measure(net, data, evaluation, TransformedTestSets.shared());
    }

    public static List<TransformAccuracy> measure(ComputationGraph net, CellData data, EvaluationSpec evaluation,
                                                  TransformedTestSets sets) {
        Set<Double> rotations = new LinkedHashSet<>(evaluation.angles());
        rotations.addAll(QUARTER_TURNS);
        List<TransformAccuracy> out = new ArrayList<>();
        for (double angle : rotations) {
            out.add(new TransformAccuracy(TransformAccuracy.ROTATION, angle,
                    accuracy(net, data, new Transform(false, angle), sets)));
        }
        if (evaluation.flips()) {
            for (double angle : QUARTER_TURNS) {
                out.add(new TransformAccuracy(TransformAccuracy.FLIP_ROTATION, angle,
                        accuracy(net, data, new Transform(true, angle), sets)));
            }
        }
        return out;
    }

    private static double accuracy(ComputationGraph net, CellData data, Transform transform, TransformedTestSets sets) {
        float[] pixels = sets.pixels(data.testKey(), data.test(), transform);
        return pixels == null ? Accuracy.under(net, data.test(), transform, data.mean(), data.std())
                : Accuracy.of(net, pixels, data.test(), data.mean(), data.std());
    }
}

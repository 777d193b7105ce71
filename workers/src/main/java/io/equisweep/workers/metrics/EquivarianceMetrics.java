package io.equisweep.workers.metrics;

import io.equisweep.workers.arch.Architecture;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.nn.EquivarianceCheck;
import io.equisweep.workers.nn.EquivarianceCheck.ElementError;
import io.equisweep.workers.symmetry.Group;
import io.equisweep.workers.train.Batches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-depth equivariance errors of a cell's network on a fixed evaluation batch (the first test images):
 * every probe of the architecture under every non-identity element of its group, plus the invariance of
 * the logits. Networks over C1 have no group structure to probe: only their logits are measured, under
 * the elements of D4 (so z2cnn and the G-CNNs share a column to compare).
 */
public final class EquivarianceMetrics {
    static final int BATCH = 16;

    private EquivarianceMetrics() {
    }

    public static INDArray evaluationBatch(CellData data) {
        int n = Math.min(BATCH, data.test().count());
        return Batches.features(data.test(), Batches.identityOrder(n), 0, n, data.mean(), data.std());
    }

    /** The errors after {@code epoch} of {@code epochs} training epochs (0: at initialisation). */
    public static List<LayerError> measure(Architecture arch, ComputationGraph net, INDArray batch, int epoch, int epochs) {
        String stage = LayerError.stageAfter(epoch, epochs);
        Map<String, EquivarianceCheck.Kind> probes = new LinkedHashMap<>();
        arch.probes().forEach(p -> probes.put(p.vertex(), p.kind()));
        probes.putIfAbsent(EquivarianceCheck.LOGITS, EquivarianceCheck.Kind.INVARIANT);
        Group group = arch.group().order() == 1 ? Group.D4 : arch.group();
        List<String> order = new ArrayList<>(probes.keySet());
        List<LayerError> out = new ArrayList<>();
        for (ElementError e : EquivarianceCheck.measure(net, batch, group, probes)) {
            out.add(new LayerError(stage, epoch, order.indexOf(e.layer()), e.layer(), e.element().toString(), e.l1(), e.relative()));
        }
        return out;
    }
}

package io.equisweep.workers.arch;

import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Trainable parameters of a network: DL4J stores batch-norm running statistics as parameters too. */
public final class ParameterCount {
    private static final Set<String> RUNNING_STATISTICS = Set.of("mean", "var", "log10stdev");

    private ParameterCount() {
    }

    /** How many of a layer configuration's parameters are running statistics, not trained. */
    public static long runningStatistics(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof io.equisweep.workers.nn.GroupBatchNorm bn) {
            return 2 * bn.getNOut();
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization bn) {
            return 2 * bn.getNOut();
        }
        return 0;
    }

    public static long trainable(ComputationGraph net) {
        long total = 0;
        for (var e : net.paramTable().entrySet()) {
            String key = e.getKey();
            String param = key.substring(key.lastIndexOf('_') + 1);
            if (!RUNNING_STATISTICS.contains(param)) {
                total += e.getValue().length();
            }
        }
        return total;
    }
}

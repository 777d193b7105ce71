package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.Trainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

class Z2CnnTest {

    static ComputationGraph build(int inputSize, int channels) {
        TrainingSpec t = new TrainingSpec(1, 8, Optimizer.ADAM, 0.01, 0, 1e-5, LearningRateSchedule.constant(), 0.3);
        var conf = Architectures.get("z2cnn").configure(new Trainer(t, 1).baseConfiguration(1),
                new Architecture.NetworkShape(inputSize, channels, 10, 0.3));
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @ParameterizedTest
    @CsvSource({"1, 25210", "3, 25570"})
    void hasThePapersParameterCount(int channels, long expected) {
        assertThat(ParameterCount.trainable(build(28, channels))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"27", "28", "29", "8"})
    void producesClassProbabilitiesAtEveryValidSize(int n) {
        ComputationGraph net = build(n, 1);
        var out = net.outputSingle(false, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, n, n));
        assertThat(out.shape()).containsExactly(3, 10);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-4));
    }
}

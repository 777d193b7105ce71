package io.equisweep.workers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.train.Trainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ArchitecturesTest {

    static ComputationGraph build(String name, int inputSize, int channels) {
        TrainingSpec t = new TrainingSpec(1, 8, Optimizer.ADAM, 0.01, 0, 1e-5, LearningRateSchedule.constant(), 0.3);
        var conf = Architectures.get(name).configure(new Trainer(t, 1).baseConfiguration(1),
                new Architecture.NetworkShape(inputSize, channels, 10, 0.3));
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0} at {1} channels")
    @CsvSource({
        // The paper's MNIST net (DESIGN.md §8: P4 24,990 and Z2 25,570 at three channels).
        "z2cnn, 1, 25210", "z2cnn, 3, 25570", "p4cnn, 1, 24810", "p4cnn, 3, 24990", "p4mcnn, 1, 24202",
        // The paper's ResNet-44s, exactly.
        "resnet44-z2, 3, 2636458", "resnet44-p4, 3, 2633946", "resnet44-p4m, 3, 2962726",
        // Coset pooling shrinks only the classifier: 64 (or 48) fields instead of 256 (384) channels.
        "resnet44-p4-cosetpool, 3, 2632026", "resnet44-p4m-cosetpool, 3, 2959366",
        // The paper code's gcP4ResNet44 (width 47) and gcP4MResNet44 (35), counted from its parameter shapes: each
        // block 3×3 conv c_in → c_out fields has c_out·9 spatial + c_out·c_in·|G| pointwise weights, the lifting stem
        // 3·w·9, each 1×1 shortcut c_out·c_in·|G| + batch norm 2·c_out, each batch norm 2·c, the classifier
        // 4w·|G|·10 + 10. The same count gives the full networks' 2,633,946 and 2,962,726 above.
        "resnet44-p4-gc, 3, 2657907", "resnet44-p4m-gc, 3, 2931575"})
    void hasThePapersParameterCount(String name, int channels, long expected) {
        ComputationGraph net = build(name, name.startsWith("resnet") ? 33 : 28, channels);
        assertThat(ParameterCount.trainable(net)).isEqualTo(expected);
        assertThat(Architectures.get(name).parameterCount(channels, 10)).isEqualTo(expected);
    }

    @Test
    void p4mcnnWidthIsTheIntegerClosestToP4cnnsCount() {
        long p4 = Architectures.get("p4cnn").parameterCount(1, 10);
        long p4m = Architectures.get("p4mcnn").parameterCount(1, 10);
        long p4mWider = new MnistGCnn("p4m8", io.equisweep.workers.symmetry.Group.D4, 8).parameterCount(1, 10);
        assertThat(Math.abs(p4m - p4)).isLessThan(Math.abs(p4mWider - p4));
        assertThat((double) p4m / p4).isBetween(0.97, 1.0);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"resnet44-p4-gc", "resnet44-p4m-gc"})
    void takesATrainingStepWithAFiniteLoss(String name) {
        ComputationGraph net = build(name, 33, 3);
        Nd4j.getRandom().setSeed(11);
        var x = Nd4j.rand(DataType.FLOAT, 2, 3, 33, 33);
        var y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 7, 1);
        var before = net.params().dup();
        net.fit(new org.nd4j.linalg.api.ndarray.INDArray[] {x}, new org.nd4j.linalg.api.ndarray.INDArray[] {y});
        assertThat(net.score()).isFinite().isPositive();
        assertThat(net.params().sub(before).amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(net.params().isInfinite().any() || net.params().isNaN().any()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"z2cnn, 27", "p4cnn, 28", "p4mcnn, 29", "p4cnn, 8", "resnet44-z2, 32", "resnet44-p4m, 9"})
    void producesClassProbabilitiesAtEveryValidSize(String name, int n) {
        ComputationGraph net = build(name, n, 1);
        var out = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 1, n, n));
        assertThat(out.shape()).containsExactly(2, 10);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-4));
    }
}

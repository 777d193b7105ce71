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
        return build(name, inputSize, channels, 10);
    }

    static ComputationGraph build(String name, int inputSize, int channels, int classes) {
        return build(Architectures.get(name), inputSize, channels, classes);
    }

    static ComputationGraph build(Architecture architecture, int inputSize, int channels, int classes) {
        TrainingSpec t = new TrainingSpec(1, 8, Optimizer.ADAM, 0.01, 0, 1e-5, LearningRateSchedule.constant(), 0.3);
        var conf = architecture.configure(new Trainer(t, 1).baseConfiguration(1),
                new Architecture.NetworkShape(inputSize, channels, classes, 0.3));
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

    /**
     * The counts of the official models (experiments/models/resnet*.py with the classification code's default
     * widths 64 / 32 / 23, and classification/pcam/resnet44*.py), counted from their layer definitions.
     */
    @ParameterizedTest(name = "{0} with {1} classes")
    @CsvSource({
        "resnet18-z2, 10, 11173962", "resnet18-p4, 10, 11173418", "resnet18-p4m, 10, 11546769",
        // --groupcosetmaxpool: the classifier reads 8·width fields instead of 8·width·|G| channels.
        "resnet18-p4-cosetpool, 10, 11165738", "resnet18-p4m-cosetpool, 10, 11533889",
        "resnet18-z2, 100, 11220132", "resnet18-p4m, 102, 11682285",
        // The ImageNet experiment's P4ResNet18 (width 32, 1000 classes, no coset pooling).
        "resnet18-p4, 1000, 12188168",
        // gcP4ResNet18 (width 90) and gcP4MResNet18 (64), by the gc formula above: 11,109,340 and 11,227,978.
        "resnet18-p4-gc, 10, 11109340", "resnet18-p4m-gc, 10, 11227978",
        // PatchCamelyon: resnet44 (fields 8, 14, 28) and resnet44_p4 (4, 7, 14, coset-pooled), 2 classes.
        "resnet44-z2-pcam, 2, 129538", "resnet44-p4-pcam, 2, 128652"})
    void hasTheOfficialCodesParameterCount(String name, int classes, long expected) {
        assertThat(Architectures.get(name).parameterCount(3, classes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"resnet18-p4m-cosetpool, 9", "resnet18-p4m-gc, 9", "resnet44-p4-pcam, 16"})
    void aBuiltNetworkHasTheCountOfItsConfiguration(String name, int n) {
        ComputationGraph net = build(name, n, 3, 2);
        assertThat(ParameterCount.trainable(net)).isEqualTo(Architectures.get(name).parameterCount(3, 2));
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
    @CsvSource({"z2cnn, 27", "p4cnn, 28", "p4mcnn, 29", "p4cnn, 8", "resnet44-z2, 32", "resnet44-p4m, 9",
        "resnet18-z2, 8", "resnet18-p4m-cosetpool, 9", "resnet44-p4-pcam, 12"})
    void producesClassProbabilitiesAtEveryValidSize(String name, int n) {
        ComputationGraph net = build(name, n, 1);
        var out = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 1, n, n));
        assertThat(out.shape()).containsExactly(2, 10);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    /** A cell's seed fixes its initial weights, whatever layers the net has (the separable ones included). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"p4cnn", "resnet44-p4-gc", "resnet18-p4m-gc"})
    void initialWeightsFollowTheSeed(String name) {
        int n = name.startsWith("resnet18") ? 9 : name.startsWith("resnet44") ? 9 : 28;
        Nd4j.getRandom().setSeed(123);
        var first = build(name, n, 3).params().dup();
        Nd4j.getRandom().setSeed(456);
        var second = build(name, n, 3).params();
        assertThat(second.equals(first)).as(name).isTrue();
    }
}

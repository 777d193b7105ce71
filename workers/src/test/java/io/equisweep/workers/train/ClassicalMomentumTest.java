package io.equisweep.workers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.symmetry.DataSymmetry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@link ClassicalMomentum} against PyTorch's {@code SGD(params, lr, momentum, weight_decay=wd)} written out by hand
 * (torch/optim/sgd.py, dampening 0, nesterov False): {@code d = g + wd·p}; {@code buf = d} on the first step, else
 * {@code buf = μ·buf + d}; {@code p = p − lr·buf}; lr and μ as the scheduler set them for that step.
 */
class ClassicalMomentumTest {
    private static final double WD = 0.05;

    @Test
    void followsPyTorchsSgdStepWithWeightDecayAndChangingRateAndMomentum() {
        ISchedule lr = new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.5, 1, 0.2, 2, 0.8, 3, 0.1));
        ISchedule mu = new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.9, 1, 0.5, 2, 0.95, 3, 0.85));
        ComputationGraph net = tinyNet(new ClassicalMomentum(lr, mu), DataType.DOUBLE);
        DataSet batch = batch(5, DataType.DOUBLE);
        double[] p = net.params().dup().data().asDouble();
        double[] buf = null;
        for (int step = 0; step < 4; step++) {
            double[] g = meanGradient(net, batch);
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = g[i] + WD * p[i];
            }
            if (buf == null) {
                buf = d;
            } else {
                for (int i = 0; i < p.length; i++) {
                    buf[i] = mu.valueAt(step, 0) * buf[i] + d[i];
                }
            }
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr.valueAt(step, 0) * buf[i];
            }
            net.fit(new INDArray[] {batch.getFeatures()}, new INDArray[] {batch.getLabels()});
            assertThat(net.params().data().asDouble()).as("step %d", step)
                    .containsExactly(p, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(net.getUpdater().getStateViewArray().data().asDouble()).as("the buffer after step %d", step)
                    .containsExactly(buf, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /** Nesterov's first step already differs: p − lr·(1 + μ)·d against classical p − lr·d. */
    @Test
    void differsFromDl4jsNesterovs() {
        DataSet batch = batch(5, DataType.DOUBLE);
        ComputationGraph classical = tinyNet(new ClassicalMomentum(new FixedSchedule(0.1), 0.9), DataType.DOUBLE);
        ComputationGraph nesterov = tinyNet(new Nesterovs(0.1, 0.9), DataType.DOUBLE);
        INDArray start = classical.params().dup();
        classical.fit(new INDArray[] {batch.getFeatures()}, new INDArray[] {batch.getLabels()});
        nesterov.fit(new INDArray[] {batch.getFeatures()}, new INDArray[] {batch.getLabels()});
        INDArray classicalStep = start.sub(classical.params());
        INDArray nesterovStep = start.sub(nesterov.params());
        assertThat(nesterovStep.div(classicalStep).meanNumber().doubleValue())
                .isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The cell's optimiser: classical momentum only for sgd with momentum and {@code nesterov: false}. */
    @Test
    void trainerChoosesTheUpdaterFromOptimizerMomentumAndNesterov() {
        ISchedule constant = new FixedSchedule(0.1);
        assertThat(updater(Optimizer.SGD, 0.9, LearningRateSchedule.constant(), false))
                .isEqualTo(new ClassicalMomentum(constant, 0.9));
        assertThat(updater(Optimizer.SGD, 0.9, LearningRateSchedule.constant(), true)).isEqualTo(new Nesterovs(constant, 0.9));
        assertThat(updater(Optimizer.SGD, 0, LearningRateSchedule.constant(), false)).isEqualTo(new Sgd(constant));
        assertThat(updater(Optimizer.ADAM, 0.9, LearningRateSchedule.constant(), false))
                .isInstanceOf(org.nd4j.linalg.learning.config.Adam.class);
        // One-cycle drives the classical momentum 0.95 → 0.85 → 0.95, as it drives Nesterov's.
        IUpdater cycled = updater(Optimizer.SGD, 0.9, LearningRateSchedule.oneCycle(), false);
        assertThat(cycled).isInstanceOf(ClassicalMomentum.class);
        assertThat(((ClassicalMomentum) cycled).getMomentumSchedule())
                .isEqualTo(Schedules.momentum(LearningRateSchedule.oneCycle(), 3, 2));
    }

    /** The whole path in a cell (float, L2 from the trainer's configuration, one-cycle's rate and momentum per step). */
    @Test
    void aCellTrainsWithOneCycleDrivenClassicalMomentum() {
        TrainingSpec spec = spec(Optimizer.SGD, 0.9, LearningRateSchedule.oneCycle(), false);
        ISchedule lr = Schedules.learningRate(spec.schedule(), spec.learningRate(), 3, spec.epochs());
        ISchedule mu = Schedules.momentum(spec.schedule(), 3, spec.epochs());
        Trainer trainer = new Trainer(spec, 1, new EpochFitter() {
            double[] buf;
            int step;

            @Override
            public double fitEpoch(ComputationGraph net, int epoch, java.util.Iterator<DataSet> batches) {
                while (batches.hasNext()) {
                    DataSet b = batches.next();
                    double[] p = net.params().dup().data().asDouble();
                    double[] g = meanGradient(net, b);
                    buf = buf == null ? new double[p.length] : buf;
                    for (int i = 0; i < p.length; i++) {
                        buf[i] = mu.valueAt(step, 0) * buf[i] + g[i] + WD * p[i];
                        p[i] -= lr.valueAt(step, 0) * buf[i];
                    }
                    net.fit(new INDArray[] {b.getFeatures()}, new INDArray[] {b.getLabels()});
                    assertThat(net.params().data().asDouble()).as("step %d", step)
                            .containsExactly(p, org.assertj.core.data.Offset.offset(1e-5));
                    step++;
                }
                return net.score();
            }
        });
        ComputationGraph net = new ComputationGraph(trainer.baseConfiguration(3).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build());
        net.init();
        List<EpochRecord> epochs = new ArrayList<>();
        trainer.train(net, cellData(), epochs);
        assertThat(epochs).hasSize(2);
    }

    @Test
    void survivesDl4jJsonCloneJavaSerialisationAndStateMaps() throws Exception {
        ISchedule rate = Schedules.learningRate(LearningRateSchedule.oneCycle().withWarmup(1), 1e-3, 5, 4);
        ClassicalMomentum updater = new ClassicalMomentum(rate, Schedules.momentum(LearningRateSchedule.oneCycle(), 5, 4));
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().updater(updater).graphBuilder()
                .addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        IUpdater restored = ((BaseLayer) ((LayerVertex) back.getVertices().get("out")).getLayerConf().getLayer()).getIUpdater();
        assertThat(restored).isInstanceOf(ClassicalMomentum.class).isEqualTo(updater).isEqualTo(updater.clone())
                .isNotEqualTo(new ClassicalMomentum(rate, 0.9));
        for (int i = 0; i < 20; i++) {
            assertThat(((ClassicalMomentum) restored).momentum(i, i / 5)).isEqualTo(updater.momentum(i, i / 5));
        }
        assertThat(updater.clone().getMomentumSchedule()).isNotSameAs(updater.getMomentumSchedule());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(updater);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(updater);
        }

        assertThat(updater.stateSize(7)).isEqualTo(7);
        GradientUpdater<?> fromMap = updater.instantiate(Map.of("momentumBuffer", Nd4j.ones(DataType.DOUBLE, 1, 3)), false);
        assertThat(fromMap.getState().get("momentumBuffer").sumNumber().doubleValue()).isEqualTo(3.0);
        GradientUpdater<?> initialised = updater.instantiate(Map.of("momentumBuffer", Nd4j.ones(DataType.DOUBLE, 1, 3)), true);
        assertThat(initialised.getState().get("momentumBuffer").sumNumber().doubleValue()).isZero();
        assertThatThrownBy(() -> updater.instantiate(Map.of("V", Nd4j.ones(1, 3)), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("momentumBuffer");
    }

    private static IUpdater updater(Optimizer optimizer, double momentum, LearningRateSchedule schedule, boolean nesterov) {
        ComputationGraphConfiguration conf = new Trainer(spec(optimizer, momentum, schedule, nesterov), 1)
                .baseConfiguration(3).graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        return ((BaseLayer) ((LayerVertex) conf.getVertices().get("out")).getLayerConf().getLayer()).getIUpdater();
    }

    private static TrainingSpec spec(Optimizer optimizer, double momentum, LearningRateSchedule schedule, boolean nesterov) {
        return new TrainingSpec(2, 4, optimizer, 0.1, momentum, WD, schedule, 0, TrainingMode.SINGLE,
                TrainingSpec.DEFAULT_AVERAGING_FREQUENCY, 1.0, Augmentation.NONE, 0, false, nesterov);
    }

    /** 3 → 4 (tanh) → 2 (softmax), L2 {@link #WD} on weights and biases as the trainer configures it. */
    private static ComputationGraph tinyNet(IUpdater updater, DataType type) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(updater).l2(WD).l2Bias(WD).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    private static DataSet batch(int n, DataType type) {
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1;
        }
        INDArray labels = Nd4j.zeros(type, n, 2);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        return new DataSet(Nd4j.create(x, new long[] {n, 3}).castTo(type), labels);
    }

    /** The loss gradient of the minibatch's mean loss (DL4J's summed gradient over the minibatch size), no L2. */
    private static double[] meanGradient(ComputationGraph net, DataSet batch) {
        net.setInputs(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().divi(batch.getFeatures().size(0)).data().asDouble();
    }

    /** 12 random 4×4 images in batches of 4: 3 steps per epoch. */
    private static CellData cellData() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] pixels = new float[12 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        ImageSet images = new ImageSet(pixels, new int[] {0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0}, 1, 4, 2);
        ImageSet none = new ImageSet(new float[0], new int[0], 1, 4, 2);
        return CellData.prepare(new DatasetSplits(images, none, images), 4, DataSymmetry.parse("upright"), 1);
    }
}

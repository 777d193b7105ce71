package io.equisweep.workers.train;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CropFlipTest {
    private static final int N = 6;
    private static final int C = 2;

    /** Images whose pixels are all distinct and positive: value = 1 + index in the buffer. */
    private static float[] distinctImages(int count) {
        float[] buf = new float[count * C * N * N];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = 1 + i;
        }
        return buf;
    }

    @Test
    void everyPixelComesFromTheDrawnOffsetOfTheZeroPaddedImageMirroredWhenDrawn() {
        Augmentation a = new Augmentation(2, true);
        int count = 200;
        float[] original = distinctImages(count);
        float[] buf = original.clone();
        CropFlip.apply(a, buf, count, C, N, new SplittableRandom(9));
        SplittableRandom same = new SplittableRandom(9);
        int len = C * N * N;
        for (int i = 0; i < count; i++) {
            CropFlip.Draw d = CropFlip.draw(a, same);
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < N; y++) {
                    for (int x = 0; x < N; x++) {
                        // torchvision: pad by p, take rows top..top+n−1 and columns left..left+n−1, then mirror
                        int cx = d.flip() ? N - 1 - x : x;
                        int sy = y + d.top() - 2;
                        int sx = cx + d.left() - 2;
                        float expected = sy < 0 || sy >= N || sx < 0 || sx >= N ? 0f
                                : original[i * len + c * N * N + sy * N + sx];
                        assertThat(buf[i * len + c * N * N + y * N + x]).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void offsetsCoverZeroToTwicePaddingAndAboutHalfTheImagesAreFlipped() {
        Augmentation a = new Augmentation(4, true);
        SplittableRandom rng = new SplittableRandom(1);
        int[] tops = new int[9];
        int[] lefts = new int[9];
        int flips = 0;
        int draws = 4000;
        for (int i = 0; i < draws; i++) {
            CropFlip.Draw d = CropFlip.draw(a, rng);
            tops[d.top()]++;
            lefts[d.left()]++;
            flips += d.flip() ? 1 : 0;
        }
        // Each of the 9 offsets 0..8 about 1/9 of the time (444 expected; ±30 % is far outside chance).
        assertThat(Arrays.stream(tops).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(310, 580));
        assertThat(Arrays.stream(lefts).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(310, 580));
        assertThat(flips).isBetween(1850, 2150);
        assertThat(CropFlip.draw(new Augmentation(3, false), rng).flip()).isFalse();
        CropFlip.Draw flipOnly = CropFlip.draw(new Augmentation(0, true), rng);
        assertThat(flipOnly.top()).isZero();
        assertThat(flipOnly.left()).isZero();
    }

    @Test
    void paddingIsZeroBeforeNormalisationAsTorchvisionPadsTheRawImage() {
        // One all-ones image; a crop that reaches into the padding shows (0 − mean)/std there, 1 elsewhere.
        float[] ones = new float[C * N * N];
        Arrays.fill(ones, 1f);
        ImageSet set = new ImageSet(ones, new int[] {0}, C, N, 1);
        SplittableRandom rng = new SplittableRandom(4);
        float mean = 0.25f;
        float std = 0.5f;
        boolean sawPadding = false;
        for (int trial = 0; trial < 20; trial++) {
            INDArray x = Batches.features(set, new int[] {0}, 0, 1, mean, std, null, new Augmentation(2, false), rng);
            for (float v : x.data().asFloat()) {
                assertThat(v).isIn((0 - mean) / std, (1 - mean) / std);
                sawPadding |= v == (0 - mean) / std;
            }
        }
        assertThat(sawPadding).isTrue();
    }

    @Test
    void withoutAugmentationTheBatchIsBitIdenticalAndNoDrawIsTaken() {
        int count = 5;
        ImageSet set = new ImageSet(distinctImages(count), new int[count], C, N, 1);
        int[] order = {3, 1, 4, 0, 2};
        Transform[] t = new Transform[count];
        Arrays.fill(t, new Transform(false, 90));
        SplittableRandom rng = new SplittableRandom(5);
        long next = new SplittableRandom(5).nextLong();
        INDArray plain = Batches.features(set, order, 0, count, 3f, 7f);
        INDArray viaNone = Batches.features(set, order, 0, count, 3f, 7f, null, Augmentation.NONE, rng);
        assertThat(viaNone.data().asFloat()).containsExactly(plain.data().asFloat());
        INDArray rotated = Batches.features(set, order, 0, count, 3f, 7f, t);
        INDArray rotatedViaNone = Batches.features(set, order, 0, count, 3f, 7f, t, Augmentation.NONE, rng);
        assertThat(rotatedViaNone.data().asFloat()).containsExactly(rotated.data().asFloat());
        assertThat(rng.nextLong()).isEqualTo(next);
    }

    @Test
    void cropAndFlipComeBeforeTheSymmetryTransform() {
        // A quarter turn of the flipped image is not the flip of the turned image: the order is observable.
        ImageSet set = new ImageSet(distinctImages(1), new int[] {0}, C, N, 1);
        Augmentation flip = new Augmentation(0, true);
        Transform[] quarter = {new Transform(false, 90)};
        SplittableRandom rng = seedThatFlips();
        float[] flippedThenTurned = Batches.features(set, new int[] {0}, 0, 1, 0f, 1f, quarter, flip, rng).data().asFloat();
        float[] flipped = set.pixels().clone();
        CropFlip.apply(flip, flipped, 1, C, N, seedThatFlips());
        float[] expected = new float[flipped.length];
        io.equisweep.workers.symmetry.ImageTransforms.apply(quarter[0], flipped, 0, expected, 0, C, N, new float[flipped.length]);
        assertThat(flippedThenTurned).containsExactly(expected);
    }

    private static SplittableRandom seedThatFlips() {
        for (long s = 0; ; s++) {
            if (new SplittableRandom(s).nextBoolean()) {
                return new SplittableRandom(s);
            }
        }
    }

    @Test
    void theTrainerAugmentsDeterministicallyPerSeedAndAnewEachEpoch() {
        List<float[]> a = epochBatches(new Augmentation(1, true), 7);
        List<float[]> b = epochBatches(new Augmentation(1, true), 7);
        List<float[]> other = epochBatches(new Augmentation(1, true), 8);
        List<float[]> none = epochBatches(Augmentation.NONE, 7);
        assertThat(a).hasSize(2);
        assertThat(a.get(0)).containsExactly(b.get(0));
        assertThat(a.get(1)).containsExactly(b.get(1));
        assertThat(a.get(0)).isNotEqualTo(other.get(0));
        assertThat(a.get(0)).isNotEqualTo(none.get(0));
        // Epoch 2 reuses no draw of epoch 1: with a fixed order the two would otherwise match.
        assertThat(a.get(1)).isNotEqualTo(a.get(0));
    }

    /** The first minibatch of each of two epochs (one image per batch, so the shuffle moves only labels around). */
    private static List<float[]> epochBatches(Augmentation augmentation, long seed) {
        TrainingSpec spec = new TrainingSpec(2, 1, Optimizer.SGD, 0.1, 0, 0, LearningRateSchedule.constant(), 0,
                TrainingMode.SINGLE, 5, 1.0, augmentation, 0, false);
        ImageSet one = new ImageSet(distinctImages(1), new int[] {0}, C, N, 2);
        CellData data = CellData.prepare(new DatasetSplits(one, new ImageSet(new float[0], new int[0], C, N, 2), one), N,
                DataSymmetry.parse("upright"), seed);
        List<float[]> first = new ArrayList<>();
        Trainer trainer = new Trainer(spec, seed, (net, epoch, batches) -> {
            first.add(batches.next().getFeatures().data().asFloat());
            batches.forEachRemaining(b -> { });
            return 1.0;
        });
        ComputationGraph net = new ComputationGraph(trainer.baseConfiguration(1).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(N, N, C))
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build());
        net.init();
        trainer.train(net, data, new ArrayList<EpochRecord>());
        return first;
    }
}

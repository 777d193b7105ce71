package io.equisweep.workers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.CropBox;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.symmetry.DataSymmetry;
import io.equisweep.workers.symmetry.ImageTransforms;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The box of torchvision's {@code RandomResizedCrop.get_params}, its draws, and the crop on in-memory images. */
class ResizedCropTest {
    private static final Augmentation RESIZED_FLIP = new Augmentation(0, true, true);

    private static ResizedCrop.Attempt[] tries(ResizedCrop.Attempt... first) {
        return first;
    }

    /** An attempt that never fits: area × 1.0 at ratio 4/3 is wider than any image. */
    private static final ResizedCrop.Attempt TOO_WIDE = new ResizedCrop.Attempt(1.0, 4.0 / 3.0, 0.5, 0.5);

    @Test
    void theFirstAttemptThatFitsIsPlacedAtItsDrawnPosition() {
        // 100 × 50 (area 5000): 0.54 × 5000 = 2700 at ratio 1 gives w = h = round(51.96) = 52 > 50, no fit;
        // 0.08 × 5000 = 400 at ratio 1 gives 20 × 20; top = floor(0.25 × 31) = 7, left = floor(0.5 × 81) = 40.
        CropBox box = ResizedCrop.box(100, 50, tries(new ResizedCrop.Attempt(0.54, 1, 0.9, 0.9),
                new ResizedCrop.Attempt(0.08, 1, 0.25, 0.5)));
        assertThat(box).isEqualTo(new CropBox(7, 40, 20, 20));
        // Ratio 2 (outside torchvision's range, to make the arithmetic plain) on 125 × 80: 0.5 × 10000 = 5000,
        // w = round(√10000) = 100, h = round(√2500) = 50, on 125 × 80: top = floor(0.999 × 31) = 30, left 0.
        assertThat(ResizedCrop.box(125, 80, tries(new ResizedCrop.Attempt(0.5, 2, 0.999, 0))))
                .isEqualTo(new CropBox(30, 0, 50, 100));
    }

    @Test
    void sidesAreRoundedHalfToEvenAsPythonsRound() {
        // 16 × 16 at scale 169/1024: area 42.25, w = h = √42.25 = 6.5 → 6 (Math.round would give 7).
        assertThat(ResizedCrop.box(16, 16, tries(new ResizedCrop.Attempt(169.0 / 1024, 1, 0, 0))))
                .isEqualTo(new CropBox(0, 0, 6, 6));
        // 56.25 → 7.5 → 8.
        assertThat(ResizedCrop.box(16, 16, tries(new ResizedCrop.Attempt(225.0 / 1024, 1, 0, 0))))
                .isEqualTo(new CropBox(0, 0, 8, 8));
    }

    @Test
    void withoutAFittingAttemptTheCentreCropHasItsRatioClampedToTheRange() {
        ResizedCrop.Attempt[] none = new ResizedCrop.Attempt[ResizedCrop.ATTEMPTS];
        Arrays.fill(none, TOO_WIDE);
        // 100 × 20 (ratio 5 > 4/3): h = 20, w = round(20 · 4/3) = round(26.67) = 27, left = (100 − 27) // 2 = 36.
        assertThat(ResizedCrop.box(100, 20, none)).isEqualTo(new CropBox(0, 36, 20, 27));
        // 20 × 100 (ratio 0.2 < 3/4): w = 20, h = round(20 / 0.75) = 27, top = 36.
        assertThat(ResizedCrop.box(20, 100, none)).isEqualTo(new CropBox(36, 0, 27, 20));
        // 30 × 25 (ratio 1.2, inside the range): the whole image.
        assertThat(ResizedCrop.box(30, 25, none)).isEqualTo(new CropBox(0, 0, 25, 30));
        // 101 × 20: w = 27, left = (101 − 27) // 2 = 37 (floor).
        assertThat(ResizedCrop.box(101, 20, none)).isEqualTo(new CropBox(0, 37, 20, 27));
    }

    @Test
    void attemptsLieInTorchvisionsRangesAndBoxesInTheImage() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 2000; k++) {
            ResizedCrop.Attempt[] attempts = ResizedCrop.attempts(rng.nextLong());
            assertThat(attempts).hasSize(ResizedCrop.ATTEMPTS).allSatisfy(a -> {
                assertThat(a.scale()).isBetween(ResizedCrop.MIN_SCALE, ResizedCrop.MAX_SCALE);
                assertThat(a.ratio()).isBetween(ResizedCrop.MIN_RATIO, ResizedCrop.MAX_RATIO);
                assertThat(a.y()).isGreaterThanOrEqualTo(0).isLessThan(1);
                assertThat(a.x()).isGreaterThanOrEqualTo(0).isLessThan(1);
            });
            int w = 20 + k % 300;
            int h = 20 + (k * 7) % 200;
            CropBox box = ResizedCrop.box(w, h, attempts);
            assertThat(box.within(w, h)).as("%s in %d×%d", box, w, h).isTrue();
        }
    }

    @Test
    void drawsAreFixedBySeedAndTakeTheSameShareOfTheStreamWhateverTheImages() {
        ResizedCrop.Draw[] a = ResizedCrop.draws(RESIZED_FLIP, 50, new SplittableRandom(11));
        assertThat(ResizedCrop.draws(RESIZED_FLIP, 50, new SplittableRandom(11))).containsExactly(a);
        assertThat(ResizedCrop.draws(RESIZED_FLIP, 50, new SplittableRandom(12))).doesNotContain(a[0]);
        assertThat(Arrays.stream(a).filter(ResizedCrop.Draw::flip).count()).isBetween(10L, 40L);
        assertThat(ResizedCrop.draws(new Augmentation(0, false, true), 50, new SplittableRandom(11)))
                .noneMatch(ResizedCrop.Draw::flip);

        // Recipes of one epoch on 8 × 8 and 12 × 12 images: the same draws, and the stream left at the same place.
        SplittableRandom small = new SplittableRandom(5);
        SplittableRandom large = new SplittableRandom(5);
        EpochBatches onSmall = epoch(8, small);
        EpochBatches onLarge = epoch(12, large);
        while (onSmall.hasNext()) {
            BatchRecipe r = onSmall.nextRecipe();
            assertThat(r.cropFlips()).isNull();
            assertThat(r.resizedCrops()).hasSize(r.size());
            assertThat(onLarge.nextRecipe()).isEqualTo(r);
        }
        assertThat(onLarge.hasNext()).isFalse();
        assertThat(small.nextLong()).isEqualTo(large.nextLong());
        // The same draw is a box computed from each image's own size.
        ResizedCrop.Draw d = a[0];
        assertThat(d.in(8, 8)).isEqualTo(ResizedCrop.box(8, 8, ResizedCrop.attempts(d.seed())));
        assertThat(d.in(300, 200)).isEqualTo(ResizedCrop.box(300, 200, ResizedCrop.attempts(d.seed())));
    }

    private static EpochBatches epoch(int n, SplittableRandom draws) {
        ImageSet set = images(10, n);
        CellData data = CellData.prepare(new DatasetSplits(set, set, set), n, DataSymmetry.parse("upright"), 1);
        return new EpochBatches(data, Batches.identityOrder(10), 4, RESIZED_FLIP, new SplittableRandom(0), draws);
    }

    /** {@code count} two-channel n × n images whose pixels are all distinct. */
    private static ImageSet images(int count, int n) {
        float[] pixels = new float[count * 2 * n * n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 997) / 997f;
        }
        return new ImageSet(pixels, new int[count], 2, n, 2);
    }

    @Test
    void aBoxOfTheOutputSizeIsCopiedAndAnUpscaledOneInterpolatesBetweenPixelCentres() {
        int n = 8;
        float[] image = new float[n * n];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        float[] out = new float[16];
        ImageTransforms.resizeBox(image, 0, 1, n, 2, 3, 4, 4, out, 0, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(out[y * 4 + x]).isEqualTo(image[(2 + y) * n + 3 + x]);
            }
        }
        // The 1 × 2 box [a, b] = [9, 10] (row 1, columns 1..2) to 4 × 4: each row a, ¾a + ¼b, ¼a + ¾b, b.
        ImageTransforms.resizeBox(image, 0, 1, n, 1, 1, 1, 2, out, 0, 4);
        for (int y = 0; y < 4; y++) {
            assertThat(Arrays.copyOfRange(out, y * 4, y * 4 + 4)).containsExactly(9f, 9.25f, 9.75f, 10f);
        }
    }

    @Test
    void inMemoryImagesAreCroppedFromTheirOwnSizeAndFlippedAfterTheCrop() {
        ImageSet set = images(3, 8);
        float[] plain = new float[set.imageLength()];
        set.copyImage(1, plain, 0);
        float[] whole = new float[set.imageLength()];
        set.copyResizedCrop(1, (w, h) -> new CropBox(0, 0, h, w), whole, 0);
        assertThat(whole).containsExactly(plain);
        assertThatThrownBy(() -> set.copyResizedCrop(1, (w, h) -> new CropBox(1, 0, h, w), whole, 0))
                .hasMessageContaining("does not lie inside a 8×8 image");

        long seed = new SplittableRandom(4).nextLong();
        float[] kept = new float[set.imageLength()];
        float[] mirrored = new float[set.imageLength()];
        ResizedCrop.apply(set, 2, new ResizedCrop.Draw(seed, false), kept, 0);
        ResizedCrop.apply(set, 2, new ResizedCrop.Draw(seed, true), mirrored, 0);
        float[] expected = new float[set.imageLength()];
        CropBox box = ResizedCrop.box(8, 8, ResizedCrop.attempts(seed));
        float[] source = new float[set.imageLength()];
        set.copyImage(2, source, 0);
        ImageTransforms.resizeBox(source, 0, 2, 8, box.top(), box.left(), box.height(), box.width(), expected, 0, 8);
        assertThat(kept).containsExactly(expected);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertThat(mirrored[c * 64 + y * 8 + x]).isEqualTo(kept[c * 64 + y * 8 + 7 - x]);
                }
            }
        }
    }

    @Test
    void recipesBuildTheSameBatchTwiceAndPaddingExcludesAResizedCrop() {
        ImageSet set = images(10, 8);
        CellData data = CellData.prepare(new DatasetSplits(set, set, set), 8, DataSymmetry.parse("c4@image"), 1);
        EpochBatches epoch = new EpochBatches(data, Batches.identityOrder(10), 4, RESIZED_FLIP,
                new SplittableRandom(1), new SplittableRandom(2));
        BatchRecipe recipe = epoch.nextRecipe();
        assertThat(recipe.transforms()).hasSize(4);
        BatchBuilder builder = new BatchBuilder(data, RESIZED_FLIP);
        float[] once = builder.build(recipe).getFeatures().data().asFloat();
        assertThat(builder.build(recipe).getFeatures().data().asFloat()).containsExactly(once);
        float[] plain = new BatchBuilder(data, Augmentation.NONE).build(new BatchRecipe(recipe.images(),
                recipe.transforms(), null)).getFeatures().data().asFloat();
        assertThat(once).isNotEqualTo(plain);

        assertThatThrownBy(() -> new Augmentation(4, true, true)).hasMessageContaining("crop padding 4");
        assertThat(RESIZED_FLIP).hasToString("resizedcrop+flip");
        assertThat(new Augmentation(0, false, true)).hasToString("resizedcrop");
        assertThat(new Augmentation(4, true)).hasToString("crop4+flip").isEqualTo(new Augmentation(4, true, false));
    }
}

package io.equisweep.workers.train;

import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.data.CropBox;
import io.equisweep.workers.data.Images;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * torchvision's {@code RandomResizedCrop(n)} with its defaults (area fraction in [0.08, 1], aspect ratio w / h
 * log-uniform in [3/4, 4/3], ten attempts, then a centre crop), followed by {@code RandomHorizontalFlip()}.
 * A box is computed from the width and height of the image it is cut from, exactly as torchvision's
 * {@code get_params}; its randomness is fixed per image beforehand ({@link Draw}), so that drawing an epoch consumes
 * the cell's stream independently of the images' sizes and the draws can be shipped in a {@link BatchRecipe}.
 */
public final class ResizedCrop {
    public static final double MIN_SCALE = 0.08;
    public static final double MAX_SCALE = 1.0;
    public static final double MIN_RATIO = 3.0 / 4.0;
    public static final double MAX_RATIO = 4.0 / 3.0;
    public static final int ATTEMPTS = 10;

    private ResizedCrop() {
    }

    /**
     * One try of torchvision's loop.
     *
     * @param scale the area fraction
     * @param ratio the aspect ratio w / h
     * @param y     uniform in [0, 1): the top row among the {@code height − h + 1} possible
     * @param x     uniform in [0, 1): the left column among the {@code width − w + 1} possible
     */
    public record Attempt(double scale, double ratio, double y, double x) {
    }

    /**
     * One image's draw: the seed of its {@link #ATTEMPTS} attempts (four uniform numbers each: scale, log-ratio, y,
     * x, from {@code new SplittableRandom(seed)}) and its flip. Eight bytes and a bit, however large the image.
     */
    public record Draw(long seed, boolean flip) implements CropBox.Rule, Serializable {
        @Override
        public CropBox in(int imageWidth, int imageHeight) {
            return box(imageWidth, imageHeight, attempts(seed));
        }
    }

    /** The next draw from {@code rng}: one long (the attempts' seed), then the flip (only when flipping). */
    public static Draw draw(Augmentation a, SplittableRandom rng) {
        long seed = rng.nextLong();
        return new Draw(seed, a.flip() && rng.nextBoolean());
    }

    /** The next {@code count} draws from {@code rng}, one per image in order. */
    public static Draw[] draws(Augmentation a, int count, SplittableRandom rng) {
        Draw[] draws = new Draw[count];
        for (int i = 0; i < count; i++) {
            draws[i] = draw(a, rng);
        }
        return draws;
    }

    /** The {@link #ATTEMPTS} attempts of a seed: per attempt a uniform scale, a log-uniform ratio, then y and x. */
    public static Attempt[] attempts(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double logMin = Math.log(MIN_RATIO);
        double logMax = Math.log(MAX_RATIO);
        Attempt[] attempts = new Attempt[ATTEMPTS];
        for (int k = 0; k < ATTEMPTS; k++) {
            double scale = MIN_SCALE + (MAX_SCALE - MIN_SCALE) * rng.nextDouble();
            double ratio = Math.exp(logMin + (logMax - logMin) * rng.nextDouble());
            attempts[k] = new Attempt(scale, ratio, rng.nextDouble(), rng.nextDouble());
        }
        return attempts;
    }

    /**
     * torchvision's box: the first attempt whose w = round(√(area·scale·ratio)) and h = round(√(area·scale/ratio))
     * (Python's round, half to even) fit in the image, placed at its drawn position; when none fits, the centre
     * crop of the whole image with its aspect ratio clamped to [3/4, 4/3].
     */
    public static CropBox box(int width, int height, Attempt[] attempts) {
        double area = (double) width * height;
        for (Attempt a : attempts) {
            double target = area * a.scale();
            int w = (int) Math.rint(Math.sqrt(target * a.ratio()));
            int h = (int) Math.rint(Math.sqrt(target / a.ratio()));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = Math.min((int) (a.y() * (height - h + 1)), height - h);
                int left = Math.min((int) (a.x() * (width - w + 1)), width - w);
                return new CropBox(top, left, h, w);
            }
        }
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < MIN_RATIO) {
            h = (int) Math.rint(width / MIN_RATIO);
        } else if (inRatio > MAX_RATIO) {
            w = (int) Math.rint(height * MAX_RATIO);
        }
        return new CropBox((height - h) / 2, (width - w) / 2, h, w);
    }

    /**
     * Image {@code image} of {@code set} resized-cropped by its draw into {@code dst} (C × n × n), then mirrored
     * left–right when drawn.
     */
    public static void apply(Images set, int image, Draw draw, float[] dst, int dstOffset) {
        set.copyResizedCrop(image, draw, dst, dstOffset);
        if (draw.flip()) {
            mirror(dst, dstOffset, set.channels(), set.size());
        }
    }

    private static void mirror(float[] buf, int offset, int channels, int n) {
        for (int row = 0; row < channels * n; row++) {
            int at = offset + row * n;
            for (int x = 0; x < n / 2; x++) {
                float t = buf[at + x];
                buf[at + x] = buf[at + n - 1 - x];
                buf[at + n - 1 - x] = t;
            }
        }
    }
}

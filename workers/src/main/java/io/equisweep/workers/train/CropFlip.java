package io.equisweep.workers.train;

import io.equisweep.workers.cell.Augmentation;
import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} in place to raw (not yet normalised) images in a batch buffer, N × C × n × n: each
 * image is padded with {@code crop} zeros, cropped back to n × n at an offset drawn uniformly from [0, 2·crop] per
 * axis (rows, then columns), then mirrored left–right when a fair coin says so — torchvision's RandomCrop with
 * padding followed by RandomHorizontalFlip, padding with 0 before normalisation as torchvision does.
 */
public final class CropFlip {
    private CropFlip() {
    }

    /** One image's draw: the crop's row and column offsets in the padded image, and the flip. */
    public record Draw(int top, int left, boolean flip) implements java.io.Serializable {
    }

    /** The next draw from {@code rng}: top, left (each only when cropping), then the flip (only when flipping). */
    public static Draw draw(Augmentation a, SplittableRandom rng) {
        int p = a.crop();
        int top = p > 0 ? rng.nextInt(2 * p + 1) : 0;
        int left = p > 0 ? rng.nextInt(2 * p + 1) : 0;
        boolean flip = a.flip() && rng.nextBoolean();
        return new Draw(top, left, flip);
    }

    /** The next {@code count} draws from {@code rng}, one per image in order. */
    public static Draw[] draws(Augmentation a, int count, SplittableRandom rng) {
        Draw[] draws = new Draw[count];
        for (int i = 0; i < count; i++) {
            draws[i] = draw(a, rng);
        }
        return draws;
    }

    /** Augments each of the {@code count} images of {@code buf} with its own draw from {@code rng}. */
    public static void apply(Augmentation a, float[] buf, int count, int channels, int n, SplittableRandom rng) {
        if (a.isNone()) {
            return;
        }
        apply(a, buf, count, channels, n, draws(a, count, rng));
    }

    /** Augments image i of the {@code count} images of {@code buf} with {@code draws[i]}. */
    public static void apply(Augmentation a, float[] buf, int count, int channels, int n, Draw[] draws) {
        if (a.isNone()) {
            return;
        }
        int len = channels * n * n;
        float[] image = new float[len];
        for (int i = 0; i < count; i++) {
            Draw d = draws[i];
            int dy = d.top() - a.crop();
            int dx = d.left() - a.crop();
            if (dy == 0 && dx == 0 && !d.flip()) {
                continue;
            }
            System.arraycopy(buf, i * len, image, 0, len);
            for (int c = 0; c < channels; c++) {
                int plane = c * n * n;
                for (int y = 0; y < n; y++) {
                    int sy = y + dy;
                    int out = i * len + plane + y * n;
                    for (int x = 0; x < n; x++) {
                        int sx = (d.flip() ? n - 1 - x : x) + dx;
                        buf[out + x] = sy >= 0 && sy < n && sx >= 0 && sx < n ? image[plane + sy * n + sx] : 0f;
                    }
                }
            }
        }
    }
}

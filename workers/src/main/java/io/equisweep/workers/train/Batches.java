package io.equisweep.workers.train;

import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.data.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds normalised NCHW feature and one-hot label arrays from slices of an {@link Images} set. */
public final class Batches {
    private Batches() {
    }

    /** Features of images {@code order[from..to)} as (x − mean) / std, shape [b, C, n, n]. */
    public static INDArray features(Images set, int[] order, int from, int to, float mean, float std) {
        int len = set.imageLength();
        float[] buf = new float[(to - from) * len];
        for (int k = from; k < to; k++) {
            set.copyImage(order[k], buf, (k - from) * len);
        }
        normalise(buf, mean, std);
        return Nd4j.create(buf, new long[] {to - from, set.channels(), set.size(), set.size()}, 'c');
    }

    /** Like {@link #features(Images, int[], int, int, float, float)}, each image first transformed by its draw. */
    public static INDArray features(Images set, int[] order, int from, int to, float mean, float std,
                                    io.equisweep.workers.symmetry.SymmetryDistribution.Transform[] transforms) {
        int len = set.imageLength();
        float[] buf = new float[(to - from) * len];
        float[] scratch = new float[len];
        float[] read = set instanceof ImageSet ? null : new float[len];
        for (int k = from; k < to; k++) {
            transformInto(set, order[k], read, transforms[k - from], buf, (k - from) * len, scratch);
        }
        return features(buf, to - from, set.channels(), set.size(), mean, std);
    }

    /**
     * Features with each raw image first augmented (crop, flip: {@link CropFlip}, drawing from {@code rng}), then,
     * when {@code transforms} is not null, transformed by its draw: torchvision's order in the paper's CIFAR
     * pipeline (RandomCrop, RandomHorizontalFlip, then the random rotation, then Normalize).
     */
    public static INDArray features(Images set, int[] order, int from, int to, float mean, float std,
                                    io.equisweep.workers.symmetry.SymmetryDistribution.Transform[] transforms,
                                    io.equisweep.workers.cell.Augmentation augmentation, java.util.SplittableRandom rng) {
        return features(set, order, from, to, mean, std, transforms, augmentation,
                CropFlip.draws(augmentation, to - from, rng));
    }

    /** As above, with the crop and flip of each image already drawn ({@code cropFlips[k - from]} for image k). */
    public static INDArray features(Images set, int[] order, int from, int to, float mean, float std,
                                    io.equisweep.workers.symmetry.SymmetryDistribution.Transform[] transforms,
                                    io.equisweep.workers.cell.Augmentation augmentation, CropFlip.Draw[] cropFlips) {
        int len = set.imageLength();
        int count = to - from;
        float[] buf = new float[count * len];
        for (int k = from; k < to; k++) {
            set.copyImage(order[k], buf, (k - from) * len);
        }
        CropFlip.apply(augmentation, buf, count, set.channels(), set.size(), cropFlips);
        return features(transformed(buf, count, set, transforms), count, set.channels(), set.size(), mean, std);
    }

    /**
     * Features with each image first cut to its random resized crop and flipped by its draw
     * ({@code resizedCrops[k - from]} for image k, {@link ResizedCrop}), then, when {@code transforms} is not null,
     * transformed by its symmetry draw: torchvision's order (RandomResizedCrop, RandomHorizontalFlip, the random
     * rotation, Normalize).
     */
    public static INDArray features(Images set, int[] order, int from, int to, float mean, float std,
                                    io.equisweep.workers.symmetry.SymmetryDistribution.Transform[] transforms,
                                    ResizedCrop.Draw[] resizedCrops) {
        int len = set.imageLength();
        int count = to - from;
        float[] buf = new float[count * len];
        for (int k = from; k < to; k++) {
            ResizedCrop.apply(set, order[k], resizedCrops[k - from], buf, (k - from) * len);
        }
        return features(transformed(buf, count, set, transforms), count, set.channels(), set.size(), mean, std);
    }

    /** The {@code count} images of {@code buf}, each transformed by its draw; {@code buf} itself when none. */
    private static float[] transformed(float[] buf, int count, Images set,
                                       io.equisweep.workers.symmetry.SymmetryDistribution.Transform[] transforms) {
        if (transforms == null) {
            return buf;
        }
        int len = set.imageLength();
        float[] out = new float[buf.length];
        float[] scratch = new float[len];
        for (int i = 0; i < count; i++) {
            io.equisweep.workers.symmetry.ImageTransforms.apply(transforms[i], buf, i * len, out, i * len,
                    set.channels(), set.size(), scratch);
        }
        return out;
    }

    /** Features from a raw buffer already holding {@code count} images. */
    public static INDArray features(float[] buf, int count, int channels, int size, float mean, float std) {
        normalise(buf, mean, std);
        return Nd4j.create(buf, new long[] {count, channels, size, size}, 'c');
    }

    /**
     * Image {@code i} of {@code set} transformed into {@code dst}: read in place from an in-memory set, else
     * through {@code read} (one image long, unused for in-memory sets).
     */
    public static void transformInto(Images set, int i, float[] read,
                                     io.equisweep.workers.symmetry.SymmetryDistribution.Transform transform,
                                     float[] dst, int dstOffset, float[] scratch) {
        int len = set.imageLength();
        float[] src = read;
        int offset = 0;
        if (set instanceof ImageSet held) {
            src = held.pixels();
            offset = i * len;
        } else {
            set.copyImage(i, read, 0);
        }
        io.equisweep.workers.symmetry.ImageTransforms.apply(transform, src, offset, dst, dstOffset, set.channels(),
                set.size(), scratch);
    }

    public static INDArray oneHot(Images set, int[] order, int from, int to) {
        float[] buf = new float[(to - from) * set.classes()];
        for (int k = from; k < to; k++) {
            buf[(k - from) * set.classes() + set.label(order[k])] = 1f;
        }
        return Nd4j.create(buf, new long[] {to - from, set.classes()}, 'c');
    }

    private static void normalise(float[] buf, float mean, float std) {
        float inv = 1f / std;
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (buf[i] - mean) * inv;
        }
    }

    /** Fisher–Yates in place, drawing from {@code rng}. */
    public static void shuffle(int[] a, java.util.SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public static int[] identityOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}

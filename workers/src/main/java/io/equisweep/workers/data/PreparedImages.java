package io.equisweep.workers.data;

import io.equisweep.workers.symmetry.ImageTransforms;
import io.equisweep.workers.symmetry.SymmetryDistribution;
import java.util.SplittableRandom;

/**
 * A streamed split as a cell sees it, computed per image when read: preprocessed and resized to the input
 * size, then (when {@code symmetry} is given) transformed by a draw seeded by {@code seed} and the image's
 * index alone, so that every epoch and every read sees the same image.
 */
record PreparedImages(Images source, Preprocessing preprocessing, int size, SymmetryDistribution symmetry, long seed)
        implements Images {

    /** Odd multiplier (the golden gamma) that spreads consecutive indices over the seed space. */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    @Override
    public int count() {
        return source.count();
    }

    @Override
    public int channels() {
        return source.channels();
    }

    @Override
    public int classes() {
        return source.classes();
    }

    @Override
    public int label(int i) {
        return source.label(i);
    }

    @Override
    public void copyImage(int i, float[] dst, int dstOffset) {
        int c = source.channels();
        float[] raw = new float[source.imageLength()];
        source.copyImage(i, raw, 0);
        if (symmetry == null) {
            preprocessing.apply(raw, 0, c, source.size(), dst, dstOffset, size);
            return;
        }
        float[] resized = new float[imageLength()];
        preprocessing.apply(raw, 0, c, source.size(), resized, 0, size);
        SymmetryDistribution.Transform t = symmetry.sample(new SplittableRandom(seed + GAMMA * i));
        ImageTransforms.apply(t, resized, 0, dst, dstOffset, c, size, new float[imageLength()]);
    }

    /**
     * From the source's own images when this view adds nothing to them (no preprocessing, resize or stored symmetry),
     * so that image files crop their whole decoded picture; otherwise from the prepared image, as by default.
     */
    @Override
    public void copyResizedCrop(int i, CropBox.Rule rule, float[] dst, int dstOffset) {
        if (preprocessing.none() && symmetry == null && source.size() == size) {
            source.copyResizedCrop(i, rule, dst, dstOffset);
        } else {
            Images.super.copyResizedCrop(i, rule, dst, dstOffset);
        }
    }
}

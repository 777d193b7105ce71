package io.equisweep.workers.data;

import io.equisweep.workers.symmetry.ImageTransforms;
import io.equisweep.workers.symmetry.SymmetryDistribution;
import java.util.SplittableRandom;

/**
 * A dataset as one cell sees it: resized to the cell's input size, with the cell's symmetry
 * distribution applied once to every training and validation image, and the normalisation
 * statistics of the transformed training set. The test set stays upright; evaluation transforms it.
 */
public record CellData(ImageSet train, ImageSet validation, ImageSet test, float mean, float std) {

    /** Salt that separates the symmetry draws from every other use of the cell seed. */
    private static final long SYMMETRY_SALT = 0x5EED_5E7L;

    public static CellData prepare(DatasetSplits splits, int inputSize, SymmetryDistribution symmetry, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ SYMMETRY_SALT);
        ImageSet train = transform(resize(splits.train(), inputSize), symmetry, rng);
        ImageSet validation = transform(resize(splits.validation(), inputSize), symmetry, rng);
        ImageSet test = resize(splits.test(), inputSize);
        float[] stats = train.meanAndStd();
        return new CellData(train, validation, test, stats[0], stats[1] > 0 ? stats[1] : 1f);
    }

    static ImageSet resize(ImageSet set, int size) {
        if (set.size() == size) {
            return set;
        }
        int c = set.channels();
        int srcLen = set.imageLength();
        int dstLen = c * size * size;
        float[] out = new float[set.count() * dstLen];
        for (int i = 0; i < set.count(); i++) {
            ImageTransforms.resize(set.pixels(), i * srcLen, out, i * dstLen, c, set.size(), size);
        }
        return new ImageSet(out, labels(set), c, size, set.classes());
    }

    static ImageSet transform(ImageSet set, SymmetryDistribution symmetry, SplittableRandom rng) {
        if (symmetry instanceof SymmetryDistribution.Upright) {
            return set;
        }
        int c = set.channels();
        int n = set.size();
        int len = set.imageLength();
        float[] out = new float[set.count() * len];
        float[] flipped = new float[len];
        for (int i = 0; i < set.count(); i++) {
            SymmetryDistribution.Transform t = symmetry.sample(rng);
            float[] src = set.pixels();
            int srcOffset = i * len;
            if (t.flip()) {
                ImageTransforms.flip(src, srcOffset, flipped, 0, c, n);
                src = flipped;
                srcOffset = 0;
            }
            ImageTransforms.rotate(src, srcOffset, out, i * len, c, n, t.degrees());
        }
        return new ImageSet(out, labels(set), c, n, set.classes());
    }

    private static int[] labels(ImageSet set) {
        int[] labels = new int[set.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
        }
        return labels;
    }
}

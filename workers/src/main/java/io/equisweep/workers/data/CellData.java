package io.equisweep.workers.data;

import io.equisweep.workers.symmetry.DataSymmetry;
import io.equisweep.workers.symmetry.ImageTransforms;
import io.equisweep.workers.symmetry.Sampling;
import io.equisweep.workers.symmetry.SymmetryDistribution;
import io.equisweep.workers.train.Batches;
import java.util.SplittableRandom;

/**
 * A dataset as one cell sees it: resized to the cell's input size, with the cell's symmetry applied
 * once to every validation image and, when it is sampled {@code once}, to every training image (other
 * samplings are drawn by the trainer as it builds batches), and the normalisation statistics of the
 * training set as prepared. The test set stays upright; evaluation transforms it.
 */
public record CellData(ImageSet train, ImageSet validation, ImageSet test, float mean, float std,
                       DataSymmetry symmetry) {

    /** Salt that separates the symmetry draws from every other use of the cell seed. */
    private static final long SYMMETRY_SALT = 0x5EED_5E7L;
    /** Seed of the training subset: fixed, so that every cell of a fraction trains on the same images. */
    private static final long SUBSET_SEED = 0x5B5E7L;

    public static CellData prepare(DatasetSplits splits, int inputSize, DataSymmetry symmetry, long seed) {
        return prepare(splits, inputSize, symmetry, seed, 1.0);
    }

    /** As above, on {@code trainFraction} of the training split (rounded up to whole images, at least one). */
    public static CellData prepare(DatasetSplits splits, int inputSize, DataSymmetry symmetry, long seed,
                                   double trainFraction) {
        SplittableRandom rng = new SplittableRandom(seed ^ SYMMETRY_SALT);
        ImageSet train = resize(subset(splits.train(), trainFraction), inputSize);
        if (symmetry.sampling() == Sampling.ONCE) {
            train = transform(train, symmetry.distribution(), rng);
        }
        ImageSet validation = transform(resize(splits.validation(), inputSize), symmetry.distribution(), rng);
        ImageSet test = resize(splits.test(), inputSize);
        float[] stats = train.meanAndStd();
        return new CellData(train, validation, test, stats[0], stats[1] > 0 ? stats[1] : 1f, symmetry);
    }

    /**
     * The first ⌈fraction·n⌉ images of a fixed shuffle of {@code set}, in their original order; the whole set for 1.
     * A smaller fraction's images are a subset of a larger one's.
     */
    static ImageSet subset(ImageSet set, double fraction) {
        if (fraction >= 1) {
            return set;
        }
        int n = set.count();
        int[] order = Batches.identityOrder(n);
        Batches.shuffle(order, new SplittableRandom(SUBSET_SEED));
        int keep = Math.max(1, (int) Math.ceil(fraction * n - 1e-9));
        int[] kept = java.util.Arrays.copyOf(order, keep);
        java.util.Arrays.sort(kept);
        return set.select(kept);
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
            ImageTransforms.apply(symmetry.sample(rng), set.pixels(), i * len, out, i * len, c, n, flipped);
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

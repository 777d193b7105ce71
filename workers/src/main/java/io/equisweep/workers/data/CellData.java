package io.equisweep.workers.data;

import io.equisweep.workers.symmetry.DataSymmetry;
import io.equisweep.workers.symmetry.ImageTransforms;
import io.equisweep.workers.symmetry.Sampling;
import io.equisweep.workers.symmetry.SymmetryDistribution;
import io.equisweep.workers.train.Batches;
import java.util.SplittableRandom;

/**
 * A dataset as one cell sees it: preprocessed ({@link Preprocessing}) and resized to the cell's input size,
 * with the cell's symmetry applied once to every validation image and, when it is sampled {@code once}, to
 * every training image (other samplings are drawn by the trainer as it builds batches), and the normalisation
 * statistics of the training set as prepared. The test set stays upright; evaluation transforms it.
 * In-memory datasets are prepared at once; streamed ones image by image as each is read ({@link PreparedImages}),
 * with the statistics taken from {@link #STATS_SAMPLE} evenly spaced training images. {@code testKey} says what the
 * test images were made from, so that cells with the same test images share their transforms.
 */
public record CellData(Images train, Images validation, Images test, float mean, float std,
                       DataSymmetry symmetry, TestSetKey testKey) {

    /** Training images a streamed dataset's mean and standard deviation are computed from. */
    public static final int STATS_SAMPLE = 2048;

    /** Salt that separates the symmetry draws from every other use of the cell seed. */
    private static final long SYMMETRY_SALT = 0x5EED_5E7L;
    /** Seed of the training subset: fixed, so that every cell of a fraction trains on the same images. */
    private static final long SUBSET_SEED = 0x5B5E7L;

    /** A cell's data whose test images are {@code test} itself (a key of their own). */
    public CellData(Images train, Images validation, Images test, float mean, float std, DataSymmetry symmetry) {
        this(train, validation, test, mean, std, symmetry, TestSetKey.of(test, test.size(), Preprocessing.NONE));
    }

    public static CellData prepare(DatasetSplits splits, int inputSize, DataSymmetry symmetry, long seed) {
        return prepare(splits, inputSize, symmetry, seed, 1.0);
    }

    /** As above, on {@code trainFraction} of the training split (rounded up to whole images, at least one). */
    public static CellData prepare(DatasetSplits splits, int inputSize, DataSymmetry symmetry, long seed,
                                   double trainFraction) {
        return prepare(splits, inputSize, symmetry, seed, trainFraction, Preprocessing.NONE);
    }

    /** As above, every split first preprocessed. */
    public static CellData prepare(DatasetSplits splits, int inputSize, DataSymmetry symmetry, long seed,
                                   double trainFraction, Preprocessing preprocessing) {
        if (!splits.inMemory()) {
            return streamed(splits, inputSize, symmetry, seed, trainFraction, preprocessing);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ SYMMETRY_SALT);
        ImageSet train = resize((ImageSet) subset(splits.train(), trainFraction), inputSize, preprocessing);
        if (symmetry.sampling() == Sampling.ONCE) {
            train = transform(train, symmetry.distribution(), rng);
        }
        ImageSet validation = transform(resize((ImageSet) splits.validation(), inputSize, preprocessing),
                symmetry.distribution(), rng);
        ImageSet test = resize((ImageSet) splits.test(), inputSize, preprocessing);
        float[] stats = train.meanAndStd();
        return new CellData(train, validation, test, stats[0], stats[1] > 0 ? stats[1] : 1f, symmetry,
                TestSetKey.of(splits.test(), inputSize, preprocessing));
    }

    private static CellData streamed(DatasetSplits splits, int inputSize, DataSymmetry symmetry, long seed,
                                     double trainFraction, Preprocessing preprocessing) {
        TestSetKey testKey = TestSetKey.of(splits.test(), inputSize, preprocessing);
        splits = new DatasetSplits(splits.train().decodedAt(inputSize), splits.validation().decodedAt(inputSize),
                splits.test().decodedAt(inputSize));
        preprocessing.croppedSize(splits.train().size());
        long base = seed ^ SYMMETRY_SALT;
        SymmetryDistribution d = symmetry.distribution() instanceof SymmetryDistribution.Upright ? null
                : symmetry.distribution();
        Images train = new PreparedImages(subset(splits.train(), trainFraction), preprocessing, inputSize,
                symmetry.sampling() == Sampling.ONCE ? d : null, base);
        Images validation = new PreparedImages(splits.validation(), preprocessing, inputSize, d, ~base);
        Images test = new PreparedImages(splits.test(), preprocessing, inputSize, null, 0);
        float[] stats = sampleMeanAndStd(train);
        return new CellData(train, validation, test, stats[0], stats[1] > 0 ? stats[1] : 1f, symmetry, testKey);
    }

    /** Mean and standard deviation over {@link #STATS_SAMPLE} evenly spaced images (all when fewer). */
    static float[] sampleMeanAndStd(Images set) {
        int n = set.count();
        int k = Math.min(n, STATS_SAMPLE);
        float[] image = new float[set.imageLength()];
        double sum = 0;
        double sumSq = 0;
        for (int j = 0; j < k; j++) {
            set.copyImage((int) ((long) j * n / k), image, 0);
            for (float v : image) {
                sum += v;
                sumSq += (double) v * v;
            }
        }
        double count = (double) k * image.length;
        double mean = sum / count;
        double var = Math.max(sumSq / count - mean * mean, 0);
        return new float[] {(float) mean, (float) Math.sqrt(var)};
    }

    /**
     * The first ⌈fraction·n⌉ images of a fixed shuffle of {@code set}, in their original order; the whole set for 1.
     * A smaller fraction's images are a subset of a larger one's.
     */
    static Images subset(Images set, double fraction) {
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
        return resize(set, size, Preprocessing.NONE);
    }

    static ImageSet resize(ImageSet set, int size, Preprocessing preprocessing) {
        if (set.size() == size && preprocessing.none()) {
            return set;
        }
        preprocessing.croppedSize(set.size());
        int c = set.channels();
        int srcLen = set.imageLength();
        int dstLen = c * size * size;
        float[] out = new float[set.count() * dstLen];
        for (int i = 0; i < set.count(); i++) {
            preprocessing.apply(set.pixels(), i * srcLen, c, set.size(), out, i * dstLen, size);
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

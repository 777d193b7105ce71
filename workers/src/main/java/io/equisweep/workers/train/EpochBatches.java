package io.equisweep.workers.train;

import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.symmetry.Sampling;
import io.equisweep.workers.symmetry.SymmetryDistribution;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch's minibatches in the shuffled order. Each is planned when asked for: its images and their random draws
 * become a {@link BatchRecipe} (symmetry draws from the cell's augmentation stream, crop and flip or resized-crop
 * draws from their own). {@link #next()} also builds it here; a data-parallel fitter takes only the recipes
 * ({@link #nextRecipe()}) and builds them where the data is.
 */
public final class EpochBatches implements Iterator<DataSet> {
    private final CellData data;
    private final int[] order;
    private final int batchSize;
    private final Augmentation augmentation;
    private final SplittableRandom symmetryDraws;
    private final SplittableRandom cropFlipDraws;
    private final BatchBuilder builder;
    private int from;

    /**
     * @param order         the epoch's order of the training images (read, not copied: it must not change while
     *                      batches are drawn)
     * @param symmetryDraws the stream the symmetry draws come from, unused when the symmetry is sampled once
     * @param cropFlipDraws the stream the crop and flip (or resized-crop) draws come from, unused without
     *                      augmentation
     */
    public EpochBatches(CellData data, int[] order, int batchSize, Augmentation augmentation,
                        SplittableRandom symmetryDraws, SplittableRandom cropFlipDraws) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.order = order;
        this.batchSize = batchSize;
        this.augmentation = augmentation;
        this.symmetryDraws = symmetryDraws;
        this.cropFlipDraws = cropFlipDraws;
        this.builder = new BatchBuilder(data, augmentation);
    }

    @Override
    public boolean hasNext() {
        return from < order.length;
    }

    /** The next minibatch's recipe, drawing its randomness; the batch itself is not built. */
    public BatchRecipe nextRecipe() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int to = Math.min(order.length, from + batchSize);
        Sampling sampling = data.symmetry().sampling();
        Transform[] transforms = sampling == Sampling.ONCE ? null
                : draws(data.symmetry().distribution(), sampling, to - from, symmetryDraws);
        CropFlip.Draw[] cropFlips = augmentation.isNone() || augmentation.resizedCrop() ? null
                : CropFlip.draws(augmentation, to - from, cropFlipDraws);
        ResizedCrop.Draw[] resizedCrops = augmentation.resizedCrop()
                ? ResizedCrop.draws(augmentation, to - from, cropFlipDraws) : null;
        BatchRecipe recipe = new BatchRecipe(Arrays.copyOfRange(order, from, to), transforms, cropFlips, resizedCrops);
        from = to;
        return recipe;
    }

    /** The next minibatch, built in this JVM. */
    @Override
    public DataSet next() {
        return builder.build(nextRecipe());
    }

    /** One transform per image of a batch: the same draw for all ({@code batch}) or one each ({@code image}). */
    private static Transform[] draws(SymmetryDistribution d, Sampling sampling, int count, SplittableRandom rng) {
        Transform[] t = new Transform[count];
        Transform shared = sampling == Sampling.BATCH ? d.sample(rng) : null;
        for (int i = 0; i < count; i++) {
            t[i] = shared != null ? shared : d.sample(rng);
        }
        return t;
    }
}

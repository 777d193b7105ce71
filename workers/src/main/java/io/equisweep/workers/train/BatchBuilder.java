package io.equisweep.workers.train;

import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Turns {@link BatchRecipe}s into minibatches of one cell's training images: each image read, cropped (padded or
 * resized) and flipped by its draw, transformed by its symmetry draw, then normalised with the cell's statistics, with one-hot labels.
 * The same recipe on the same cell data gives the same bits, wherever it is built.
 */
public final class BatchBuilder {
    private final CellData data;
    private final Augmentation augmentation;

    public BatchBuilder(CellData data, Augmentation augmentation) {
        this.data = data;
        this.augmentation = augmentation;
    }

    public DataSet build(BatchRecipe recipe) {
        Images train = data.train();
        int[] images = recipe.images();
        int n = images.length;
        INDArray x;
        if (recipe.resizedCrops() != null) {
            x = Batches.features(train, images, 0, n, data.mean(), data.std(), recipe.transforms(),
                    recipe.resizedCrops());
        } else if (recipe.cropFlips() != null) {
            x = Batches.features(train, images, 0, n, data.mean(), data.std(), recipe.transforms(), augmentation,
                    recipe.cropFlips());
        } else if (recipe.transforms() == null) {
            x = Batches.features(train, images, 0, n, data.mean(), data.std());
        } else {
            x = Batches.features(train, images, 0, n, data.mean(), data.std(), recipe.transforms());
        }
        return new DataSet(x, Batches.oneHot(train, images, 0, n));
    }
}

package io.equisweep.workers.train;

import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything random about one training minibatch, drawn where the epoch is planned and built into pixels wherever
 * the cell's data is ({@link BatchBuilder}): a few bytes per image, so that a data-parallel cell ships recipes to
 * the executors instead of minibatches.
 *
 * @param images       indices into the cell's training images, in batch order
 * @param transforms   the symmetry draw of each image; null when the symmetry is already in the stored images
 *                     (sampled {@code once})
 * @param cropFlips    the padded crop and flip draw of each image; null without that augmentation
 * @param resizedCrops the random resized crop and flip draw of each image; null without that augmentation
 */
public record BatchRecipe(int[] images, Transform[] transforms, CropFlip.Draw[] cropFlips,
                          ResizedCrop.Draw[] resizedCrops) implements Serializable {

    public BatchRecipe {
        if (transforms != null && transforms.length != images.length) {
            throw new IllegalArgumentException("a batch of " + images.length + " images has " + transforms.length
                    + " symmetry draws");
        }
        if (cropFlips != null && cropFlips.length != images.length) {
            throw new IllegalArgumentException("a batch of " + images.length + " images has " + cropFlips.length
                    + " crop/flip draws");
        }
        if (resizedCrops != null && resizedCrops.length != images.length) {
            throw new IllegalArgumentException("a batch of " + images.length + " images has " + resizedCrops.length
                    + " resized-crop draws");
        }
        if (cropFlips != null && resizedCrops != null) {
            throw new IllegalArgumentException("a batch has either crop/flip or resized-crop draws, not both");
        }
    }

    /** A recipe without resized-crop draws. */
    public BatchRecipe(int[] images, Transform[] transforms, CropFlip.Draw[] cropFlips) {
        this(images, transforms, cropFlips, null);
    }

    public int size() {
        return images.length;
    }

    /** Equal when the same images get the same draws. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BatchRecipe r && Arrays.equals(images, r.images) && Arrays.equals(transforms, r.transforms)
                && Arrays.equals(cropFlips, r.cropFlips) && Arrays.equals(resizedCrops, r.resizedCrops);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(images) + Arrays.hashCode(transforms)) + Arrays.hashCode(cropFlips))
                + Arrays.hashCode(resizedCrops);
    }

    @Override
    public String toString() {
        return "BatchRecipe[" + images.length + " images" + (transforms == null ? "" : ", symmetry draws")
                + (cropFlips == null ? "" : ", crop/flip draws")
                + (resizedCrops == null ? "" : ", resized-crop draws") + "]";
    }
}

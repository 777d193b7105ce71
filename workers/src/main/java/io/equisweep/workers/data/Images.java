package io.equisweep.workers.data;

import io.equisweep.workers.symmetry.ImageTransforms;

/**
 * Labelled square images read one at a time by index (N × C × H × W, values in [0, 1]): held in memory
 * ({@link ImageSet}) or read from files as a minibatch asks for them (PCam's HDF5 files, image folders), so
 * that training, evaluation and the metrics pull every batch through the same accessors.
 */
public interface Images {

    int count();

    int channels();

    /** Height and width (images are square). */
    int size();

    int classes();

    int label(int i);

    /** Copies image {@code i} (C × size × size floats) into {@code dst} from {@code dstOffset}. */
    void copyImage(int i, float[] dst, int dstOffset);

    /**
     * Image {@code i} cropped to the box that {@code rule} gives for its width and height, then resized (bilinear)
     * to {@code size} × {@code size}, into {@code dst} from {@code dstOffset}: torchvision's {@code resized_crop}.
     * By default the box is taken on the {@code size} × {@code size} image that {@link #copyImage} gives (all an
     * in-memory set has); image files take it on the whole decoded file.
     */
    default void copyResizedCrop(int i, CropBox.Rule rule, float[] dst, int dstOffset) {
        int n = size();
        float[] image = new float[imageLength()];
        copyImage(i, image, 0);
        CropBox box = rule.in(n, n);
        if (!box.within(n, n)) {
            throw new IllegalArgumentException(box + " does not lie inside a " + n + "×" + n + " image");
        }
        ImageTransforms.resizeBox(image, 0, channels(), n, box.top(), box.left(), box.height(), box.width(), dst,
                dstOffset, n);
    }

    default int imageLength() {
        return channels() * size() * size();
    }

    /** Whether every pixel is held in memory (and may be broadcast); streamed sets read files when asked. */
    default boolean inMemory() {
        return false;
    }

    /**
     * This set with images of side {@code size}: image files decode straight to the size a cell asks for; other
     * sets are what they are (the cell resizes them).
     */
    default Images decodedAt(int size) {
        return this;
    }

    /** The images at {@code indices}, in that order: a view over this set (an in-memory set copies them). */
    default Images select(int[] indices) {
        return new SelectedImages(this, indices.clone());
    }
}

package io.equisweep.workers.data;

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

package io.equisweep.workers.cell;

/**
 * Training-time augmentation of the paper's CIFAR pipeline (torchvision's {@code RandomCrop(n, padding=crop)} then
 * {@code RandomHorizontalFlip()}), drawn anew for every training image in every epoch. It acts on the raw batch at the
 * cell's input size, before the symmetry drawn per batch or image and before normalisation, the order of torchvision's
 * pipeline; a symmetry sampled {@code once} is already part of the stored images, so it comes first there.
 *
 * @param crop the zero padding p added on every side before cropping back to the input size at a random offset in
 *             [0, 2p] along each axis; 0 for no cropping
 * @param flip whether each image is mirrored left–right with probability ½
 */
public record Augmentation(int crop, boolean flip) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (crop < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + crop);
        }
    }

    public boolean isNone() {
        return crop == 0 && !flip;
    }

    /** {@code none}, {@code crop4}, {@code flip} or {@code crop4+flip}. */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return crop > 0 ? "crop" + crop + (flip ? "+flip" : "") : "flip";
    }
}

package io.equisweep.workers.cell;

/**
 * Training-time augmentation, drawn anew for every training image in every epoch: the paper's CIFAR pipeline
 * (torchvision's {@code RandomCrop(n, padding=crop)} then {@code RandomHorizontalFlip()}) or its Flowers-102 and
 * ImageNet pipeline ({@code RandomResizedCrop(n)} then {@code RandomHorizontalFlip()}). It acts on the raw images
 * before the symmetry drawn per batch or image and before normalisation, the order of torchvision's pipeline; a
 * symmetry sampled {@code once} is already part of the stored images, so it comes first there.
 *
 * @param crop        the zero padding p added on every side before cropping back to the input size at a random
 *                    offset in [0, 2p] along each axis; 0 for no cropping
 * @param flip        whether each image is mirrored left–right with probability ½
 * @param resizedCrop whether each image is cut to a random box (area fraction in [0.08, 1], aspect ratio in
 *                    [3/4, 4/3]) of the image as read, image files at their full decoded size, and resized to the
 *                    input size; exclusive with {@code crop}
 */
public record Augmentation(int crop, boolean flip, boolean resizedCrop) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (crop < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + crop);
        }
        if (resizedCrop && crop > 0) {
            throw new IllegalArgumentException("a random resized crop cannot be combined with crop padding " + crop);
        }
    }

    /** The CIFAR pipeline's padded crop and flip. */
    public Augmentation(int crop, boolean flip) {
        this(crop, flip, false);
    }

    public boolean isNone() {
        return crop == 0 && !flip && !resizedCrop;
    }

    /** {@code none}, {@code crop4}, {@code flip}, {@code crop4+flip}, {@code resizedcrop} or {@code resizedcrop+flip}. */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        if (resizedCrop) {
            return "resizedcrop" + (flip ? "+flip" : "");
        }
        return crop > 0 ? "crop" + crop + (flip ? "+flip" : "") : "flip";
    }
}

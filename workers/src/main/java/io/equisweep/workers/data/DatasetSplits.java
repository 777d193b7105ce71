package io.equisweep.workers.data;

/** Train, validation and test images of one dataset, all at the dataset's native size. */
public record DatasetSplits(ImageSet train, ImageSet validation, ImageSet test) {
}

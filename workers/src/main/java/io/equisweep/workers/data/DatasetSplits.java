package io.equisweep.workers.data;

/** Train, validation and test images of one dataset, all at the dataset's native size. */
public record DatasetSplits(ImageSet train, ImageSet validation, ImageSet test) {

    /** Bytes of pixel and label data held. */
    public long bytes() {
        long total = 0;
        for (ImageSet s : new ImageSet[] {train, validation, test}) {
            total += 4L * s.pixels().length + 4L * s.count();
        }
        return total;
    }
}

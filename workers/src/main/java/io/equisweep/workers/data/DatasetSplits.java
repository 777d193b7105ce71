package io.equisweep.workers.data;

/** Train, validation and test images of one dataset, all at the dataset's native size. */
public record DatasetSplits(Images train, Images validation, Images test) {

    /** Whether every split is held in memory; a streamed dataset is read from its files by each executor. */
    public boolean inMemory() {
        return train.inMemory() && validation.inMemory() && test.inMemory();
    }

    /** Bytes of pixel and label data held in memory (streamed splits hold none). */
    public long bytes() {
        long total = 0;
        for (Images s : new Images[] {train, validation, test}) {
            if (s instanceof ImageSet held) {
                total += 4L * held.pixels().length + 4L * held.count();
            }
        }
        return total;
    }
}

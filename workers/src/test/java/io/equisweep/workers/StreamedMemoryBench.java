package io.equisweep.workers;

import io.equisweep.workers.cell.Augmentation;
import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.data.Datasets;
import io.equisweep.workers.data.Images;
import io.equisweep.workers.data.PcamFixtures;
import io.equisweep.workers.data.Preprocessing;
import io.equisweep.workers.symmetry.DataSymmetry;
import io.equisweep.workers.train.Batches;
import io.equisweep.workers.train.EpochFitter;
import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory and read speed of a streamed PCam training file of about 1.5 GB (excluded from the default suite; run
 * with {@code -Dequisweep.excludedGroups=none -Dtest=StreamedMemoryBench}). Prints peak heap and peak RSS while a
 * cell trains on it, and the random-order read rate of the streamed reader. With {@code -Dbench.dir=DIR} the first
 * run only writes the files into DIR and the next measures, so that the generation's memory is not counted.
 */
@Tag("bench")
class StreamedMemoryBench {
    static final int TRAIN = Integer.getInteger("bench.images", 54_000);

    @TempDir
    Path dir;

    @Test
    void aCellOnAGigabyteFileStaysWithinABoundedHeap() throws Exception {
        // -Dbench.dir keeps the generated files there: a second run measures in a JVM that did not write them.
        String kept = System.getProperty("bench.dir");
        Path dir = kept == null ? this.dir : Files.createDirectories(Path.of(kept));
        Path x = dir.resolve("camelyonpatch_level_2_split_train_x.h5");
        Path y = dir.resolve("camelyonpatch_level_2_split_train_y.h5");
        if (kept == null || !Files.exists(x)) {
            PcamFixtures.writeSplits(dir, 4, 512, 512, false);
            writeLarge(x, y);
            if (kept != null) {
                System.out.println("generated " + x + "; run again with the same bench.dir to measure in a fresh JVM");
                return;
            }
        }
        System.out.printf("train file: %d images, %.2f GB%n", TRAIN, Files.size(x) / 1e9);
        System.gc();
        resetPeaks();

        DatasetSpec dataset = PcamFixtures.spec(dir, Map.of("trainSize", "all", "validationSize", "64", "testSize", "64"));
        Images train = Datasets.loader(dataset).get().train();
        int[] order = Batches.identityOrder(train.count());
        Batches.shuffle(order, new SplittableRandom(1));
        float[] image = new float[train.imageLength()];
        int reads = 20_000;
        long t0 = System.nanoTime();
        for (int k = 0; k < reads; k++) {
            train.copyImage(order[k % order.length], image, 0);
        }
        double raw = reads / ((System.nanoTime() - t0) / 1e9);
        CellData prepared = CellData.prepare(Datasets.loader(dataset).get(), 97, DataSymmetry.parse("upright"), 1, 1.0,
                new Preprocessing(0, true));
        float[] resized = new float[prepared.train().imageLength()];
        t0 = System.nanoTime();
        for (int k = 0; k < reads; k++) {
            prepared.train().copyImage(order[k % order.length], resized, 0);
        }
        double pipeline = reads / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("random-order reads: %.0f img/s raw (96×96×3 to floats), %.0f img/s with circle crop + resize to 97%n",
                raw, pipeline);
        report("after reading");

        TrainingSpec training = new TrainingSpec(1, 32, Optimizer.SGD, 1e-3, 0.9, 1e-5, LearningRateSchedule.constant(), 0,
                TrainingMode.SINGLE, TrainingSpec.DEFAULT_AVERAGING_FREQUENCY, 512.0 / TRAIN, Augmentation.NONE, 0, false);
        CellSpec cell = new CellSpec("bench", "p4cnn", 97, "upright", 1, dataset, training,
                new EvaluationSpec(List.of(0.0), false));
        CellResult r = CellRunner.run(cell, Datasets.loader(dataset), EpochFitter.LOCAL);
        assertThat(r.status()).as(r.error()).isEqualTo(CellStatus.OK);
        System.out.printf("cell: p4cnn at 97, %d training images in %.1f s = %.0f img/s (one epoch incl. validation)%n",
                (int) Math.ceil(512.0), r.epochs().get(0).seconds(), 512 / r.epochs().get(0).seconds());
        report("after the cell");
    }

    /** N × 96 × 96 × 3 uint8 written by jHDF with shared rows (cheap to hold), then filled with random bytes. */
    private static void writeLarge(Path x, Path y) throws Exception {
        Files.delete(x);
        Files.delete(y);
        byte[][][][] distinct = PcamFixtures.images(64);
        byte[][][][] images = new byte[TRAIN][][][];
        for (int i = 0; i < TRAIN; i++) {
            images[i] = distinct[i % 64];
        }
        PcamFixtures.write(x, "x", images);
        images = null;
        PcamFixtures.write(y, "y", PcamFixtures.labels(TRAIN));
        long address;
        try (HdfFile f = new HdfFile(x)) {
            address = ((ContiguousDataset) f.getDatasetByPath("x")).getDataAddress();
        }
        SplittableRandom rng = new SplittableRandom(3);
        byte[] block = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(x, StandardOpenOption.WRITE)) {
            long end = address + (long) TRAIN * 96 * 96 * 3;
            for (long at = address; at < end; at += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = rng.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                ByteBuffer buf = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, end - at));
                ch.write(buf, at);
            }
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            System.out.println("cannot reset the peak RSS (" + e.getMessage() + "): VmHWM below includes the file's generation");
        }
    }

    private static void report(String when) throws Exception {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS")).map(String::strip)
                .reduce((a, b) -> a + ", " + b).orElse("");
        System.out.printf("%s: peak heap %.0f MB (sum of pool peaks since the reset), %s%n", when, heapPeak / 1e6, rss);
    }
}

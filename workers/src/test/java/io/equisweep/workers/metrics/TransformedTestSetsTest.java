package io.equisweep.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.data.Images;
import io.equisweep.workers.data.Preprocessing;
import io.equisweep.workers.data.TestSetKey;
import io.equisweep.workers.symmetry.ImageTransforms;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransformedTestSetsTest {
    private static final int COUNT = 10;
    private static final int SIZE = 6;
    /** One transformed set of {@link #COUNT} images of one channel. */
    private static final long SET_BYTES = 4L * COUNT * SIZE * SIZE;

    private static ImageSet images(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pixels = new float[COUNT * SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        return new ImageSet(pixels, new int[COUNT], 1, SIZE, 1);
    }

    private static TestSetKey key(Images set) {
        return TestSetKey.of(set, SIZE, Preprocessing.NONE);
    }

    /** A streamed set over {@code source}, counting its reads and waiting {@code delayMillis} on the first. */
    private static class CountingImages implements Images {
        final ImageSet source;
        final AtomicInteger reads = new AtomicInteger();
        final long delayMillis;

        CountingImages(ImageSet source, long delayMillis) {
            this.source = source;
            this.delayMillis = delayMillis;
        }

        @Override public int count() {
            return source.count();
        }

        @Override public int channels() {
            return 1;
        }

        @Override public int size() {
            return SIZE;
        }

        @Override public int classes() {
            return 1;
        }

        @Override public int label(int i) {
            return 0;
        }

        @Override public void copyImage(int i, float[] dst, int dstOffset) {
            if (reads.getAndIncrement() == 0 && delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            source.copyImage(i, dst, dstOffset);
        }
    }

    @Test
    void aTransformIsComputedOnceAndEqualsTheImageByImageTransform() {
        ImageSet set = images(1);
        var cache = new TransformedTestSets(1 << 20);
        Transform t = new Transform(true, 30);
        float[] first = cache.pixels(key(set), set, t);
        float[] again = cache.pixels(key(set), set, t);
        assertThat(again).isSameAs(first);
        assertThat(cache.computations()).isEqualTo(1);
        assertThat(cache.bytesHeld()).isEqualTo(SET_BYTES);
        float[] expected = new float[SIZE * SIZE];
        ImageTransforms.apply(t, set.pixels(), 3 * SIZE * SIZE, expected, 0, 1, SIZE, new float[SIZE * SIZE]);
        assertThat(java.util.Arrays.copyOfRange(first, 3 * SIZE * SIZE, 4 * SIZE * SIZE)).containsExactly(expected);
    }

    @Test
    void anUprightInMemorySetIsItsOwnArrayAndAStreamedOneIsHeld() {
        ImageSet set = images(2);
        var cache = new TransformedTestSets(1 << 20);
        assertThat(cache.pixels(key(set), set, new Transform(false, 0))).isSameAs(set.pixels());
        assertThat(cache.computations()).isZero();
        CountingImages streamed = new CountingImages(set, 0);
        assertThat(cache.pixels(key(streamed), streamed, new Transform(false, 0))).containsExactly(set.pixels());
        cache.pixels(key(streamed), streamed, new Transform(false, 0));
        assertThat(streamed.reads.get()).isEqualTo(COUNT);
        assertThat(cache.computations()).isEqualTo(1);
    }

    @Test
    void keysAreTheSplitInstanceTheSizeAndThePreprocessing() {
        ImageSet set = images(3);
        ImageSet equalButOther = new ImageSet(set.pixels().clone(), set.labels(), 1, SIZE, 1);
        assertThat(key(set)).isEqualTo(key(set)).hasSameHashCodeAs(key(set));
        assertThat(key(set)).isNotEqualTo(key(equalButOther));
        assertThat(key(set)).isNotEqualTo(TestSetKey.of(set, SIZE + 1, Preprocessing.NONE));
        assertThat(key(set)).isNotEqualTo(TestSetKey.of(set, SIZE, new Preprocessing(4, false)));
        assertThat(key(set)).isNotEqualTo(TestSetKey.of(set, SIZE, new Preprocessing(0, true)));
    }

    @Test
    void evictionKeepsWithinTheBudgetLeastRecentlyUsedFirstAndKeepsWhatFitsOfOneTestSet() {
        ImageSet a = images(4);
        ImageSet b = images(5);
        var cache = new TransformedTestSets(2 * SET_BYTES);
        assertThat(cache.pixels(key(a), a, new Transform(false, 10))).isNotNull();
        assertThat(cache.pixels(key(a), a, new Transform(false, 20))).isNotNull();
        // A third transform of the same test set does not evict the other two (a scan would evict each before its reuse).
        assertThat(cache.pixels(key(a), a, new Transform(false, 30))).isNull();
        assertThat(cache.bytesHeld()).isEqualTo(2 * SET_BYTES);
        cache.pixels(key(a), a, new Transform(false, 10));
        // Another test set evicts the least recently used: a at 20°.
        assertThat(cache.pixels(key(b), b, new Transform(false, 10))).isNotNull();
        assertThat(cache.bytesHeld()).isEqualTo(2 * SET_BYTES);
        long computed = cache.computations();
        cache.pixels(key(a), a, new Transform(false, 10));
        assertThat(cache.computations()).isEqualTo(computed);
        cache.pixels(key(a), a, new Transform(false, 20));
        assertThat(cache.computations()).isEqualTo(computed + 1);
        assertThat(cache.bytesHeld()).isLessThanOrEqualTo(2 * SET_BYTES);
        cache.budget(SET_BYTES / 2);
        assertThat(cache.bytesHeld()).isZero();
        assertThat(cache.pixels(key(a), a, new Transform(false, 10))).as("larger than the budget").isNull();
    }

    @Test
    void twoThreadsAskingForTheSameTransformShareOneComputation() throws Exception {
        CountingImages slow = new CountingImages(images(6), 300);
        var cache = new TransformedTestSets(1 << 20);
        Transform t = new Transform(false, 45);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[]> one = pool.submit(() -> {
                start.await();
                return cache.pixels(key(slow), slow, t);
            });
            Future<float[]> two = pool.submit(() -> {
                start.await();
                return cache.pixels(key(slow), slow, t);
            });
            assertThat(one.get(30, TimeUnit.SECONDS)).isSameAs(two.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.computations()).isEqualTo(1);
        assertThat(slow.reads.get()).isEqualTo(COUNT);
    }

    @Test
    void aFailedComputationHoldsNothingAndIsTriedAgain() {
        ImageSet source = images(7);
        Images failing = new CountingImages(source, 0) {
            @Override public void copyImage(int i, float[] dst, int dstOffset) {
                throw new IllegalStateException("unreadable image " + i);
            }
        };
        var cache = new TransformedTestSets(1 << 20);
        assertThatThrownBy(() -> cache.pixels(key(failing), failing, new Transform(false, 45)))
                .hasMessage("unreadable image 0");
        assertThat(cache.bytesHeld()).isZero();
        assertThatThrownBy(() -> cache.pixels(key(failing), failing, new Transform(false, 45)))
                .hasMessage("unreadable image 0");
        assertThat(cache.computations()).isEqualTo(2);
        assertThatThrownBy(() -> cache.budget(-1)).hasMessageContaining("budget must be >= 0");
    }
}

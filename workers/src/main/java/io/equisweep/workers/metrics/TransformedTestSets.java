package io.equisweep.workers.metrics;

import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.data.Images;
import io.equisweep.workers.data.TestSetKey;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import io.equisweep.workers.train.Batches;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The test images of this JVM's cells under each evaluation transform (reflected and rotated, not yet normalised:
 * the statistics differ by cell), computed once and shared by every cell whose test set has the same
 * {@link TestSetKey}. Holds at most a byte budget ({@value #BUDGET_PROPERTY}, default the smaller of 1 GiB and a
 * quarter of the maximum heap). To admit a set it evicts the least recently used sets of <em>other</em> test sets;
 * a set that still does not fit is not held (the caller transforms batch by batch): cells scan a test set's
 * transforms in the same order, so evicting a test set's own transforms to hold the next one would evict each before
 * its next use, while keeping those that fit serves them to every later cell. Thread-safe: cells running at once
 * that ask for the same set wait for one computation.
 */
public final class TransformedTestSets {
    public static final String BUDGET_PROPERTY = "equisweep.evaluation.cacheBytes";

    private static final TransformedTestSets SHARED = new TransformedTestSets(defaultBudget());

    private record Key(TestSetKey testSet, Transform transform) {
    }

    private record Entry(CompletableFuture<float[]> pixels, long bytes) {
    }

    private final Map<Key, Entry> held = new LinkedHashMap<>(16, 0.75f, true);
    private long budget;
    private long bytesHeld;
    private long computations;

    public TransformedTestSets(long budgetBytes) {
        budget(budgetBytes);
    }

    /** This JVM's instance, shared by every cell it runs. */
    public static TransformedTestSets shared() {
        return SHARED;
    }

    /** {@value #BUDGET_PROPERTY} when set, else the smaller of 1 GiB and a quarter of the maximum heap. */
    static long defaultBudget() {
        String set = System.getProperty(BUDGET_PROPERTY);
        if (set != null) {
            try {
                return Long.parseLong(set.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + BUDGET_PROPERTY + " must be a number of bytes, got '" + set + "'");
            }
        }
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Sets the budget (0 holds nothing), evicting least recently used sets until what is held fits it. */
    public synchronized void budget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the evaluation cache's budget must be >= 0 bytes, got " + bytes);
        }
        budget = bytes;
        Iterator<Map.Entry<Key, Entry>> eldest = held.entrySet().iterator();
        while (bytesHeld > budget && eldest.hasNext()) {
            bytesHeld -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    public synchronized long budget() {
        return budget;
    }

    /** Bytes of the sets held (and being computed to be held). */
    public synchronized long bytesHeld() {
        return bytesHeld;
    }

    /** Transformed test sets computed to be held since this instance was made. */
    public synchronized long computations() {
        return computations;
    }

    /**
     * The pixels of {@code set} (whose key is {@code key}) under {@code transform}, image after image: the shared copy,
     * computed now if no cell has; the set's own array for an in-memory set left upright; null when the set would not
     * fit the budget. Callers must not modify the array.
     */
    public float[] pixels(TestSetKey key, Images set, Transform transform) {
        if (set instanceof ImageSet inMemory && !transform.flip() && transform.degrees() == 0) {
            return inMemory.pixels();
        }
        Key k = new Key(key, transform);
        CompletableFuture<float[]> mine = new CompletableFuture<>();
        CompletableFuture<float[]> found;
        Entry entry = null;
        synchronized (this) {
            Entry e = held.get(k);
            found = e == null ? null : e.pixels();
            if (found == null) {
                long bytes = 4L * set.count() * set.imageLength();
                if (!admit(key, bytes)) {
                    return null;
                }
                entry = new Entry(mine, bytes);
                held.put(k, entry);
                bytesHeld += bytes;
                computations++;
            }
        }
        if (found != null) {
            return join(found);
        }
        try {
            mine.complete(transformed(set, transform));
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (held.remove(k, entry)) {
                    bytesHeld -= entry.bytes();
                }
            }
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** Makes room for {@code bytes} by evicting the least recently used sets of other test sets; false if it cannot. */
    private boolean admit(TestSetKey key, long bytes) {
        if (bytes > budget) {
            return false;
        }
        Iterator<Map.Entry<Key, Entry>> eldest = held.entrySet().iterator();
        while (bytesHeld + bytes > budget && eldest.hasNext()) {
            Map.Entry<Key, Entry> e = eldest.next();
            if (!e.getKey().testSet().equals(key)) {
                bytesHeld -= e.getValue().bytes();
                eldest.remove();
            }
        }
        return bytesHeld + bytes <= budget;
    }

    private static float[] join(CompletableFuture<float[]> pixels) {
        try {
            return pixels.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Every image of {@code set} under {@code transform}, as evaluation batch by batch would transform it. */
    static float[] transformed(Images set, Transform transform) {
        int len = set.imageLength();
        float[] out = new float[Math.multiplyExact(set.count(), len)];
        float[] scratch = new float[len];
        float[] read = set instanceof ImageSet ? null : new float[len];
        for (int i = 0; i < set.count(); i++) {
            Batches.transformInto(set, i, read, transform, out, i * len, scratch);
        }
        return out;
    }
}

package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic 1-channel images of the ten free pentominoes other than I and X (F, L, N, P, T, U, V, W,
 * Y, Z), drawn nearly upright with random scale, position, brightness and a small orientation
 * jitter. No two classes are rotations or reflections of one another, so a rotated or reflected
 * test image keeps its label and rotated test sets are meaningful.
 *
 * <p>Every image is generated from (seed, split, index) alone: changing one split's size never
 * changes another split's images.
 */
public final class SyntheticGlyphs implements DatasetSource {
    public static final String NAME = "synthetic";
    /** Bump when the generator's output changes: it is part of every cell id. */
    static final String VERSION = "glyphs-v1";

    /** Cells (x, y) of each glyph on a unit grid, x to the right and y downwards. */
    static final int[][][] GLYPHS = {
        {{1, 0}, {2, 0}, {0, 1}, {1, 1}, {1, 2}},  // F
        {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 3}},  // L
        {{0, 0}, {0, 1}, {1, 1}, {1, 2}, {1, 3}},  // N
        {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}},  // P
        {{0, 0}, {1, 0}, {2, 0}, {1, 1}, {1, 2}},  // T
        {{0, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}},  // U
        {{0, 0}, {0, 1}, {0, 2}, {1, 2}, {2, 2}},  // V
        {{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}},  // W
        {{1, 0}, {0, 1}, {1, 1}, {1, 2}, {1, 3}},  // Y
        {{0, 0}, {1, 0}, {1, 1}, {1, 2}, {2, 2}},  // Z
    };
    static final String CLASS_NAMES = "FLNPTUVWYZ";
    private static final int SUPERSAMPLE = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> optionDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("trainSize", "2000");
        d.put("validationSize", "500");
        d.put("testSize", "1000");
        d.put("imageSize", "28");
        d.put("jitterDegrees", "10");
        d.put("seed", "0");
        return d;
    }

    @Override
    public List<String> validate(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        for (var e : options.entrySet()) {
            String key = e.getKey();
            if (!optionDefaults().containsKey(key)) {
                problems.add(DatasetSource.unknownOption(NAME, key, optionDefaults().keySet()));
                continue;
            }
            long min = switch (key) {
                case "trainSize", "testSize" -> 1;
                case "imageSize" -> 8;
                case "validationSize", "jitterDegrees" -> 0;
                default -> Long.MIN_VALUE;
            };
            long max = switch (key) {
                case "imageSize" -> 512;
                case "jitterDegrees" -> 180;
                case "seed" -> Long.MAX_VALUE;
                default -> 10_000_000;
            };
            try {
                long v = Long.parseLong(e.getValue());
                if (v < min || v > max) {
                    problems.add("option '" + key + "' must be in [" + min + ", " + max + "], got " + v);
                }
            } catch (NumberFormatException ex) {
                problems.add("option '" + key + "' must be an integer, got '" + e.getValue() + "'");
            }
        }
        return problems;
    }

    @Override
    public String identity(DatasetSpec spec) {
        return NAME + "/" + VERSION + spec.options();
    }

    @Override
    public int imageSize(DatasetSpec spec) {
        return spec.intOption("imageSize");
    }

    @Override
    public int channels(DatasetSpec spec) {
        return 1;
    }

    @Override
    public int classes(DatasetSpec spec) {
        return GLYPHS.length;
    }

    @Override
    public SplitSizes splitSizes(DatasetSpec spec) {
        return new SplitSizes(spec.intOption("trainSize"), spec.intOption("validationSize"), spec.intOption("testSize"));
    }

    @Override
    public DatasetSplits load(DatasetSpec spec) {
        long seed = spec.longOption("seed");
        int size = spec.intOption("imageSize");
        double jitter = spec.intOption("jitterDegrees");
        return new DatasetSplits(
                generate(seed, 0, spec.intOption("trainSize"), size, jitter),
                generate(seed, 1, spec.intOption("validationSize"), size, jitter),
                generate(seed, 2, spec.intOption("testSize"), size, jitter));
    }

    static ImageSet generate(long seed, int split, int count, int size, double jitterDegrees) {
        int len = size * size;
        float[] pixels = new float[count * len];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = new SplittableRandom(mix(seed, split, i));
            labels[i] = i % GLYPHS.length;
            render(GLYPHS[labels[i]], rng, size, jitterDegrees, pixels, i * len);
        }
        return new ImageSet(pixels, labels, 1, size, GLYPHS.length);
    }

    private static void render(int[][] glyph, SplittableRandom rng, int size, double jitterDegrees,
                               float[] dst, int offset) {
        int gw = 0;
        int gh = 0;
        boolean[][] filled = new boolean[4][4];
        for (int[] c : glyph) {
            filled[c[1]][c[0]] = true;
            gw = Math.max(gw, c[0] + 1);
            gh = Math.max(gh, c[1] + 1);
        }
        double unit = size * (0.13 + 0.03 * rng.nextDouble());
        double theta = Math.toRadians((rng.nextDouble() * 2 - 1) * jitterDegrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double shift = size / 14.0;
        double cx = (size - 1) / 2.0 + (rng.nextDouble() * 2 - 1) * shift;
        double cy = (size - 1) / 2.0 + (rng.nextDouble() * 2 - 1) * shift;
        float intensity = (float) (0.7 + 0.3 * rng.nextDouble());
        float weight = intensity / (SUPERSAMPLE * SUPERSAMPLE);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int hits = 0;
                for (int sy = 0; sy < SUPERSAMPLE; sy++) {
                    for (int sx = 0; sx < SUPERSAMPLE; sx++) {
                        double px = x - 0.5 + (sx + 0.5) / SUPERSAMPLE - cx;
                        double py = y - 0.5 + (sy + 0.5) / SUPERSAMPLE - cy;
                        double gx = (cos * px + sin * py) / unit + gw / 2.0;
                        double gy = (-sin * px + cos * py) / unit + gh / 2.0;
                        if (gx >= 0 && gy >= 0 && gx < gw && gy < gh && filled[(int) gy][(int) gx]) {
                            hits++;
                        }
                    }
                }
                dst[offset + y * size + x] = hits * weight;
            }
        }
    }

    private static long mix(long seed, int split, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }
}

package io.equisweep.workers.symmetry;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much symmetry the training data has: the distribution of the transforms (a reflection and a
 * counter-clockwise rotation in degrees) applied to training images. Spec forms: {@code upright},
 * {@code uniform}, {@code c4}, {@code d4}, {@code normal(mean, sigma)}, {@code range(lo, hi)},
 * {@code mixture(p, inner)} (a fraction p of draws from inner, the rest upright). When the draws
 * happen is {@link Sampling}, chosen by {@link DataSymmetry}.
 */
public sealed interface SymmetryDistribution {

    List<String> FORMS = List.of("upright", "uniform", "c4", "d4", "normal(mean, sigma)", "range(lo, hi)",
            "mixture(p, inner)");

    /** The canonical spec form; part of the cell id. */
    String name();

    /** Draws one transform. */
    Transform sample(SplittableRandom rng);

    /** The sampling the paper used for this kind of distribution. */
    Sampling defaultSampling();

    /** A reflection (left to right) followed by a counter-clockwise rotation. */
    record Transform(boolean flip, double degrees) implements java.io.Serializable {
        public boolean isIdentity() {
            return !flip && degrees % 360 == 0;
        }
    }

    /** Parses a spec value (case-insensitive, spaces ignored). */
    static SymmetryDistribution parse(String text) {
        String t = text.replace(" ", "").toLowerCase(Locale.ROOT);
        switch (t) {
            case "upright":
                return new Upright();
            case "uniform":
                return new Uniform();
            case "c4":
                return new Cyclic4();
            case "d4":
                return new Dihedral4();
            default:
                break;
        }
        Matcher m = Pattern.compile("(normal|range|mixture)\\((.*)\\)").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown symmetry '" + text + "'; valid: " + String.join(", ", FORMS));
        }
        String args = m.group(2);
        int comma = args.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("symmetry '" + text + "' needs two arguments, e.g. " + example(m.group(1)));
        }
        double first = number(text, args.substring(0, comma), m.group(1));
        String rest = args.substring(comma + 1);
        return switch (m.group(1)) {
            case "normal" -> {
                double sigma = number(text, rest, "normal");
                if (!(sigma > 0)) {
                    throw new IllegalArgumentException("symmetry '" + text + "': sigma must be positive");
                }
                yield new Normal(first, sigma);
            }
            case "range" -> {
                double hi = number(text, rest, "range");
                if (!(hi > first)) {
                    throw new IllegalArgumentException("symmetry '" + text + "': need lo < hi");
                }
                yield new Range(first, hi);
            }
            default -> {
                if (first < 0 || first > 1) {
                    throw new IllegalArgumentException("symmetry '" + text + "': the fraction p must be in [0, 1]");
                }
                SymmetryDistribution inner = parse(rest);
                if (inner instanceof Mixture) {
                    throw new IllegalArgumentException("symmetry '" + text + "': mixtures do not nest");
                }
                yield new Mixture(first, inner);
            }
        };
    }

    private static double number(String text, String value, String kind) {
        try {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("symmetry '" + text + "': '" + value + "' is not a number; e.g. " + example(kind));
    }

    private static String example(String kind) {
        return switch (kind) {
            case "normal" -> "normal(45, 20) (mean and sigma in degrees)";
            case "range" -> "range(-30, 30) (degrees)";
            default -> "mixture(0.5, c4)";
        };
    }

    /** Numbers in canonical form: 45, not 45.0. */
    static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : Double.toString(x);
    }

    /** No transform: the data as it comes. */
    record Upright() implements SymmetryDistribution {
        public String name() {
            return "upright";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(false, 0);
        }

        public Sampling defaultSampling() {
            return Sampling.ONCE;
        }
    }

    /** Rotation by an angle drawn uniformly from [0°, 360°): the paper rotates each image once. */
    record Uniform() implements SymmetryDistribution {
        public String name() {
            return "uniform";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(false, rng.nextDouble() * 360.0);
        }

        public Sampling defaultSampling() {
            return Sampling.ONCE;
        }
    }

    /** A random element of C4: rotation by 0°, 90°, 180° or 270°. */
    record Cyclic4() implements SymmetryDistribution {
        public String name() {
            return "c4";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(false, 90.0 * rng.nextInt(4));
        }

        public Sampling defaultSampling() {
            return Sampling.ONCE;
        }
    }

    /** A random element of D4: an optional reflection, then a rotation by a multiple of 90°. */
    record Dihedral4() implements SymmetryDistribution {
        public String name() {
            return "d4";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(rng.nextBoolean(), 90.0 * rng.nextInt(4));
        }

        public Sampling defaultSampling() {
            return Sampling.ONCE;
        }
    }

    /** Rotation by a normally distributed angle: the paper's biased data, one angle per batch. */
    record Normal(double mean, double sigma) implements SymmetryDistribution {
        public String name() {
            return "normal(" + format(mean) + "," + format(sigma) + ")";
        }

        public Transform sample(SplittableRandom rng) {
            // Box–Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            return new Transform(false, mean + sigma * z);
        }

        public Sampling defaultSampling() {
            return Sampling.BATCH;
        }
    }

    /** Rotation by an angle uniform in [lo, hi): augmentation, a fresh angle per image. */
    record Range(double lo, double hi) implements SymmetryDistribution {
        public String name() {
            return "range(" + format(lo) + "," + format(hi) + ")";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(false, lo + (hi - lo) * rng.nextDouble());
        }

        public Sampling defaultSampling() {
            return Sampling.IMAGE;
        }
    }

    /** With probability p a draw from {@code inner}, otherwise the identity. */
    record Mixture(double p, SymmetryDistribution inner) implements SymmetryDistribution {
        public String name() {
            return "mixture(" + format(p) + "," + inner.name() + ")";
        }

        public Transform sample(SplittableRandom rng) {
            return rng.nextDouble() < p ? inner.sample(rng) : new Transform(false, 0);
        }

        public Sampling defaultSampling() {
            return inner.defaultSampling();
        }
    }
}

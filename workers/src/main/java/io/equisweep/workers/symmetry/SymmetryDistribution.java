package io.equisweep.workers.symmetry;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How much symmetry the training data has: the distribution of transforms applied to the training
 * images. Each image is transformed once, before training, by a transform drawn from the
 * distribution with the cell's seed (as the paper does for its rotated training sets).
 */
public sealed interface SymmetryDistribution {

    List<String> NAMES = List.of("upright", "uniform", "c4", "d4");

    /** The canonical spec form; part of the cell id. */
    String name();

    /** Draws one transform. */
    Transform sample(SplittableRandom rng);

    /** A reflection (left to right) followed by a counter-clockwise rotation. */
    record Transform(boolean flip, double degrees) {
        public boolean isIdentity() {
            return !flip && degrees % 360 == 0;
        }
    }

    /** Parses a spec value (case-insensitive). */
    static SymmetryDistribution parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "upright" -> new Upright();
            case "uniform" -> new Uniform();
            case "c4" -> new Cyclic4();
            case "d4" -> new Dihedral4();
            default -> throw new IllegalArgumentException(
                    "unknown symmetry '" + text + "'; valid: " + String.join(", ", NAMES));
        };
    }

    /** No transform: the data as it comes. */
    record Upright() implements SymmetryDistribution {
        public String name() {
            return "upright";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(false, 0);
        }
    }

    /** Rotation by an angle drawn uniformly from [0°, 360°). */
    record Uniform() implements SymmetryDistribution {
        public String name() {
            return "uniform";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(false, rng.nextDouble() * 360.0);
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
    }

    /** A random element of D4: an optional reflection, then a rotation by a multiple of 90°. */
    record Dihedral4() implements SymmetryDistribution {
        public String name() {
            return "d4";
        }

        public Transform sample(SplittableRandom rng) {
            return new Transform(rng.nextBoolean(), 90.0 * rng.nextInt(4));
        }
    }
}

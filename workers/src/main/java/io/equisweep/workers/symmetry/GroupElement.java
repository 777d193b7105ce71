package io.equisweep.workers.symmetry;

/**
 * An element of D4 (and so of its subgroups C4 and C1): an optional left-right reflection followed by
 * {@code rotation} counter-clockwise quarter turns, i.e. r^rotation ∘ f^flip.
 */
public record GroupElement(boolean flip, int rotation) {

    public static final GroupElement IDENTITY = new GroupElement(false, 0);

    public GroupElement {
        rotation = Math.floorMod(rotation, 4);
    }

    /** {@code this ∘ other}: apply {@code other} first. Uses f ∘ r = r⁻¹ ∘ f. */
    public GroupElement compose(GroupElement other) {
        int k = rotation + (flip ? -other.rotation : other.rotation);
        return new GroupElement(flip ^ other.flip, k);
    }

    public GroupElement inverse() {
        return flip ? this : new GroupElement(false, -rotation);
    }

    public boolean isIdentity() {
        return !flip && rotation == 0;
    }

    /** Applies this element to each {@code n × n} plane of a C × n × n image, exactly. */
    public void apply(float[] src, int srcOffset, float[] dst, int dstOffset, int channels, int n) {
        if (flip) {
            float[] flipped = new float[channels * n * n];
            ImageTransforms.flip(src, srcOffset, flipped, 0, channels, n);
            ImageTransforms.rot90(flipped, 0, dst, dstOffset, channels, n, rotation);
        } else {
            ImageTransforms.rot90(src, srcOffset, dst, dstOffset, channels, n, rotation);
        }
    }

    /**
     * For each position of an {@code n × n} plane, the position of the original plane it is taken from
     * when this element is applied: {@code apply(a)[p] == a[sourceIndex(n)[p]]}.
     */
    public int[] sourceIndex(int n) {
        float[] positions = new float[n * n];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        float[] moved = new float[n * n];
        apply(positions, 0, moved, 0, 1, n);
        int[] source = new int[n * n];
        for (int i = 0; i < source.length; i++) {
            source[i] = (int) moved[i];
        }
        return source;
    }

    @Override
    public String toString() {
        String r = rotation == 0 ? "e" : rotation == 1 ? "r" : "r" + rotation;
        return flip ? (rotation == 0 ? "f" : r + "f") : r;
    }
}

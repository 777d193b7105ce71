package io.equisweep.workers.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The symmetry groups of the networks and of the data: identity, 90° rotations, rotations and
 * reflections. Elements are indexed {@code flip · 4 + rotation}; a feature map of a G-CNN holds channel
 * {@code c · |G| + index(g)} for field c at element g.
 */
public enum Group {
    /** Trivial group: an ordinary CNN (Z2). */
    C1(1),
    /** Four rotations by multiples of 90° (P4). */
    C4(4),
    /** Four rotations and four reflections (P4M). */
    D4(8);

    private final int order;

    Group(int order) {
        this.order = order;
    }

    public int order() {
        return order;
    }

    /** All elements, in index order; the identity first. */
    public List<GroupElement> elements() {
        List<GroupElement> elements = new ArrayList<>(order);
        for (int i = 0; i < order; i++) {
            elements.add(element(i));
        }
        return elements;
    }

    public GroupElement element(int index) {
        if (index < 0 || index >= order) {
            throw new IllegalArgumentException("index " + index + " outside " + name() + " of order " + order);
        }
        return new GroupElement(index >= 4, index % 4);
    }

    public int index(GroupElement g) {
        int i = (g.flip() ? 4 : 0) + g.rotation();
        if (i >= order) {
            throw new IllegalArgumentException(g + " is not an element of " + name());
        }
        return i;
    }

    public boolean contains(GroupElement g) {
        return (g.flip() ? 4 : 0) + g.rotation() < order;
    }

    /**
     * The regular representation as a permutation of the group axis: element {@code h} moves the
     * plane at group index {@code i} to index {@code permutation(h)[i] = index(h ∘ element(i))}.
     */
    public int[] permutation(GroupElement h) {
        int[] p = new int[order];
        for (int i = 0; i < order; i++) {
            p[i] = index(h.compose(element(i)));
        }
        return p;
    }

    /**
     * Applies {@code h} to a feature map of {@code fields} fields over this group (channels
     * {@code c · |G| + g}, each {@code n × n}): every plane is rotated/reflected by h and moved along the
     * group axis, {@code (h·f)(c, h∘g) = h(f(c, g))}.
     */
    public float[] act(GroupElement h, float[] map, int batch, int fields, int n) {
        int plane = n * n;
        int[] perm = permutation(h);
        float[] out = new float[map.length];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < fields; c++) {
                for (int g = 0; g < order; g++) {
                    int src = ((b * fields + c) * order + g) * plane;
                    int dst = ((b * fields + c) * order + perm[g]) * plane;
                    h.apply(map, src, out, dst, 1, n);
                }
            }
        }
        return out;
    }
}

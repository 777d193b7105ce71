package io.equisweep.workers.symmetry;

/** The symmetry groups of the networks and of the data: identity, 90° rotations, rotations and reflections. */
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
}

package io.equisweep.workers.symmetry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code symmetry} axis of a cell: a distribution and when it is sampled, written
 * {@code distribution[@once|@batch|@image]}; without a suffix, the distribution's own default (the
 * paper's choice). The canonical name omits a suffix equal to the default.
 */
public record DataSymmetry(SymmetryDistribution distribution, Sampling sampling) {

    public static DataSymmetry parse(String text) {
        int at = text.lastIndexOf('@');
        SymmetryDistribution d = SymmetryDistribution.parse(at < 0 ? text : text.substring(0, at));
        if (at < 0) {
            return new DataSymmetry(d, d.defaultSampling());
        }
        String mode = text.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        for (Sampling s : Sampling.values()) {
            if (s.specName().equals(mode)) {
                return new DataSymmetry(d, s);
            }
        }
        throw new IllegalArgumentException("symmetry '" + text + "': unknown sampling '@" + mode + "'; valid: "
                + Arrays.stream(Sampling.values()).map(s -> "@" + s.specName()).collect(Collectors.joining(", ")));
    }

    public String name() {
        return sampling == distribution.defaultSampling() ? distribution.name()
                : distribution.name() + "@" + sampling.specName();
    }
}

package io.equisweep.driver.spec;

import io.equisweep.workers.cell.CellSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a spec's {@code exclude} list: the grid combinations it names are not cells. An axis it does not
 * name matches any value, so {@code {architecture: z2cnn, inputSize: [27, 29]}} removes the z2cnn cells at 27
 * and 29 of every symmetry and seed (the paper's grid: p4cnn at 27/28/29, z2cnn only at 28).
 *
 * @param values the excluded values of each named grid-only field
 */
public record Exclusion(Map<CellField<?>, List<Object>> values) {
    public Exclusion {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean matches(CellSpec cell) {
        return values.entrySet().stream().allMatch(e -> e.getValue().contains(e.getKey().get(cell)));
    }
}

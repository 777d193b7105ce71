package io.equisweep.workers.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SyntheticGlyphsTest {
    private final SyntheticGlyphs source = new SyntheticGlyphs();

    @Test
    void noTwoClassesAreRotationsOrReflectionsOfEachOther() {
        Set<String> canonical = new HashSet<>();
        for (int[][] glyph : SyntheticGlyphs.GLYPHS) {
            assertThat(glyph.length).isEqualTo(5);
            assertThat(canonical.add(canonicalForm(glyph))).isTrue();
        }
    }

    @Test
    void generationIsDeterministicBalancedAndSplitIndependent() {
        ImageSet a = SyntheticGlyphs.generate(3, 0, 100, 28, 10);
        ImageSet b = SyntheticGlyphs.generate(3, 0, 100, 28, 10);
        assertThat(a.pixels()).containsExactly(b.pixels());
        ImageSet prefix = SyntheticGlyphs.generate(3, 0, 40, 28, 10);
        assertThat(java.util.Arrays.copyOf(a.pixels(), 40 * 28 * 28)).containsExactly(prefix.pixels());
        ImageSet otherSeed = SyntheticGlyphs.generate(4, 0, 100, 28, 10);
        assertThat(otherSeed.pixels()).isNotEqualTo(a.pixels());
        int[] histogram = new int[10];
        for (int i = 0; i < a.count(); i++) {
            histogram[a.label(i)]++;
        }
        assertThat(histogram).containsOnly(10);
        for (float v : a.pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
        float[] stats = a.meanAndStd();
        assertThat(stats[0]).isBetween(0.05f, 0.4f);
    }

    @Test
    void optionsAreValidatedByName() {
        assertThat(source.validate(Map.of("trainSize", "10", "seed", "3"))).isEmpty();
        assertThat(source.validate(Map.of("trainsize", "10")))
                .singleElement().asString().startsWith("unknown option 'trainsize' for dataset synthetic; valid: trainSize");
        assertThat(source.validate(Map.of("imageSize", "4"))).containsExactly("option 'imageSize' must be in [8, 512], got 4");
        assertThat(source.validate(Map.of("testSize", "many"))).containsExactly("option 'testSize' must be an integer, got 'many'");
    }

    @Test
    void identityChangesWithEveryOption() {
        var base = new DatasetSpec("synthetic", source.optionDefaults());
        var other = new java.util.HashMap<>(source.optionDefaults());
        other.put("seed", "1");
        assertThat(source.identity(base)).isNotEqualTo(source.identity(new DatasetSpec("synthetic", other)));
        assertThat(source.identity(base)).isEqualTo(source.identity(new DatasetSpec("synthetic", source.optionDefaults())));
    }

    private static String canonicalForm(int[][] cells) {
        TreeSet<String> forms = new TreeSet<>();
        int[][] g = cells;
        for (int reflect = 0; reflect < 2; reflect++) {
            for (int turn = 0; turn < 4; turn++) {
                forms.add(normalise(g));
                int[][] r = new int[g.length][];
                for (int i = 0; i < g.length; i++) {
                    r[i] = new int[] {g[i][1], -g[i][0]};
                }
                g = r;
            }
            int[][] m = new int[g.length][];
            for (int i = 0; i < g.length; i++) {
                m[i] = new int[] {-g[i][0], g[i][1]};
            }
            g = m;
        }
        return forms.first();
    }

    private static String normalise(int[][] g) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        for (int[] c : g) {
            minX = Math.min(minX, c[0]);
            minY = Math.min(minY, c[1]);
        }
        TreeSet<String> cells = new TreeSet<>();
        for (int[] c : g) {
            cells.add((c[0] - minX) + "," + (c[1] - minY));
        }
        return cells.toString();
    }
}

package io.equisweep.workers.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroupTest {

    @ParameterizedTest
    @EnumSource(Group.class)
    void satisfiesTheGroupAxioms(Group group) {
        List<GroupElement> elements = group.elements();
        assertThat(elements).hasSize(group.order()).doesNotHaveDuplicates();
        assertThat(elements.get(0)).isEqualTo(GroupElement.IDENTITY);
        for (GroupElement a : elements) {
            assertThat(group.index(a)).isEqualTo(elements.indexOf(a));
            assertThat(a.compose(a.inverse())).isEqualTo(GroupElement.IDENTITY);
            assertThat(a.inverse().compose(a)).isEqualTo(GroupElement.IDENTITY);
            for (GroupElement b : elements) {
                assertThat(group.contains(a.compose(b))).as("closure %s∘%s", a, b).isTrue();
                for (GroupElement c : elements) {
                    assertThat(a.compose(b).compose(c)).isEqualTo(a.compose(b.compose(c)));
                }
            }
        }
    }

    @Test
    void d4IsNotAbelianAndReflectionsInvertRotations() {
        GroupElement r = new GroupElement(false, 1);
        GroupElement f = new GroupElement(true, 0);
        assertThat(r.compose(f)).isNotEqualTo(f.compose(r));
        assertThat(f.compose(r).compose(f)).isEqualTo(r.inverse());
        assertThat(Group.C4.contains(f)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Group.class)
    void compositionTableHoldsOnImages(Group group) {
        int n = 6;
        float[] x = new float[2 * n * n];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        for (GroupElement a : group.elements()) {
            for (GroupElement b : group.elements()) {
                float[] bx = new float[x.length];
                float[] abx = new float[x.length];
                float[] composed = new float[x.length];
                b.apply(x, 0, bx, 0, 2, n);
                a.apply(bx, 0, abx, 0, 2, n);
                a.compose(b).apply(x, 0, composed, 0, 2, n);
                assertThat(abx).as("%s then %s", b, a).containsExactly(composed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Group.class)
    void theRegularRepresentationIsAnAction(Group group) {
        int batch = 2;
        int fields = 3;
        int n = 5;
        float[] f = new float[batch * fields * group.order() * n * n];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.nextDouble();
        }
        for (GroupElement a : group.elements()) {
            assertThat(new HashSet<>(java.util.Arrays.stream(group.permutation(a)).boxed().toList())).hasSize(group.order());
            for (GroupElement b : group.elements()) {
                float[] stepwise = group.act(a, group.act(b, f, batch, fields, n), batch, fields, n);
                assertThat(stepwise).containsExactly(group.act(a.compose(b), f, batch, fields, n));
            }
        }
        assertThat(group.act(GroupElement.IDENTITY, f, batch, fields, n)).containsExactly(f);
    }

    @Test
    void sourceIndexDescribesApply() {
        GroupElement g = new GroupElement(true, 3);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] y = new float[9];
        g.apply(x, 0, y, 0, 1, 3);
        int[] src = g.sourceIndex(3);
        for (int p = 0; p < 9; p++) {
            assertThat(y[p]).isEqualTo(x[src[p]]);
        }
    }
}

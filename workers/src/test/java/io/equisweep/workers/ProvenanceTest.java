package io.equisweep.workers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvenanceTest {
    @Test
    void theBuildIsAGitCommitOrAHashOfTheWorkersClasses() {
        assertThat(Provenance.build()).matches("git:[0-9a-f]{40}(\\+dirty)?|classes:[0-9a-f]{16}");
        assertThat(Provenance.build()).isSameAs(Provenance.build());
    }
}

package io.equisweep.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test runner's form substitution follows Zeppelin's rules, so the notes are tested as Zeppelin runs them. */
class ZeppelinFormsTest {
    @Test
    void paragraphAndNoteFormsTakeTheirDefaultUpToAComma() {
        ZeppelinNote note = new ZeppelinNote(null, Map.of());
        assertThat(note.substitute("a = '${x=upright}' AND s LIKE '$${sweep=%}'")).isEqualTo("a = 'upright' AND s LIKE '%'");
        // Zeppelin reads ',' as the start of a select's options: this default is 'normal(45', not 'normal(45,20)'.
        assertThat(note.substitute("'${symmetry=normal(45,20)}'")).isEqualTo("'normal(45'");
        assertThat(note.substitute("'${m=test_accuracy,test_accuracy|c4_accuracy}'")).isEqualTo("'test_accuracy'");
    }

    @Test
    void valuesSetByTheTestWin() {
        assertThat(new ZeppelinNote(null, Map.of("sweep", "notes")).substitute("'$${sweep=%}'")).isEqualTo("'notes'");
    }
}

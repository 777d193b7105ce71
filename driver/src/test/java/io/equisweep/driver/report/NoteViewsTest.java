package io.equisweep.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every note registers its views with {@link NoteViews#paragraph()} verbatim, so the notes count a cell's latest
 * attempt exactly as {@code status}, {@code summary}, {@code compare} and {@code report} do. On a mismatch the
 * expected paragraph is written to {@code target/note-views-paragraph.txt} to paste into the notes.
 */
class NoteViewsTest {
    static final Path NOTEBOOKS = Path.of("..", "notebooks");

    @Test
    void everyNoteRegistersTheSharedViews() throws Exception {
        List<Path> notes;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notes = files.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
        }
        assertThat(notes).hasSize(4);
        String expected = NoteViews.paragraph();
        Files.writeString(Path.of("target", "note-views-paragraph.txt"), expected);
        for (Path note : notes) {
            String first = ZeppelinNote.read(note).stream().filter(p -> p.interpreter().equals("%spark"))
                    .map(p -> "%spark\n" + p.body()).findFirst().orElseThrow();
            assertThat(first).as(note + ": its first %spark paragraph").isEqualTo(expected);
        }
    }
}

package io.equisweep.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every note registers its views with {@link NoteViews#paragraph(String)} verbatim, so the notes count a cell's
 * latest attempt exactly as {@code status}, {@code summary}, {@code compare} and {@code report} do, and reads only
 * views named after itself, so that two notes open on two results roots (one shared Spark interpreter) cannot read
 * each other's. On a mismatch the expected paragraph is written to {@code target/note-views-<note>.txt}.
 */
class NoteViewsTest {
    static final Path NOTEBOOKS = Path.of("..", "notebooks");

    static List<Path> notes() throws Exception {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
        }
    }

    @Test
    void everyNoteRegistersTheSharedViewsUnderItsOwnName() throws Exception {
        List<Path> notes = notes();
        assertThat(notes).hasSize(4);
        for (Path note : notes) {
            String name = note.getFileName().toString();
            Files.writeString(Path.of("target", "note-views-" + name.replace(".zpln", ".txt")), NoteViews.paragraph(name));
        }
        for (Path note : notes) {
            String expected = NoteViews.paragraph(note.getFileName().toString());
            String first = ZeppelinNote.read(note).stream().filter(p -> p.interpreter().equals("%spark"))
                    .map(p -> "%spark\n" + p.body()).findFirst().orElseThrow();
            assertThat(first).as(note + ": its first %spark paragraph").isEqualTo(expected);
        }
    }

    @Test
    void everyQueryReadsOnlyItsOwnNotesViews() throws Exception {
        for (Path note : notes()) {
            String prefix = NoteViews.prefix(note.getFileName().toString());
            for (ZeppelinNote.Paragraph p : ZeppelinNote.read(note)) {
                if (!p.interpreter().equals("%spark.sql")) {
                    continue;
                }
                String sql = p.body().replaceAll("--[^\n]*", "");
                List<String> ctes = cteNames(sql);
                Matcher m = NoteViews.VIEW_REFERENCE.matcher(sql);
                while (m.find()) {
                    String view = m.group(1);
                    if (!ctes.contains(view)) {
                        assertThat(view).as(note.getFileName() + " / " + p.title()).startsWith(prefix);
                    }
                }
            }
        }
    }

    @Test
    void viewsOfDifferentNotesHaveDifferentNames() {
        assertThat(NoteViews.prefix("exact-vs-approximate.zpln")).isEqualTo("exact_vs_approximate_");
        assertThat(NoteViews.paragraph("seeds.zpln")).contains("\"seeds_cells_ok\"").doesNotContain("\"cells_ok\"");
    }

    /** Names a query defines itself ({@code WITH a AS (…), b AS (…)}). */
    private static List<String> cteNames(String sql) {
        Matcher m = java.util.regex.Pattern.compile("(?i)(?:WITH|,)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+AS\\s*\\(").matcher(sql);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}

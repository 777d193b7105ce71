package io.equisweep.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.equisweep.driver.cli.Main;
import io.equisweep.driver.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notes in notebooks/ and {@code equisweep report} against a real small sweep: the paper's MNIST
 * grid in miniature (z2cnn and p4cnn at 28 and 29, its four training symmetries, two seeds). Every
 * paragraph of every note runs; every chart's columns exist in its non-empty result; the report opens
 * in headless Chromium with every image loaded.
 */
class NotebooksAndReportTest {
    static final String SPEC = """
            name: notes
            dataset: {name: synthetic, options: {trainSize: 64, validationSize: 16, testSize: 32}}
            grid:
              architecture: [z2cnn, p4cnn]
              inputSize: [28, 29]
              symmetry: [upright, "normal(45, 20)", "normal(45, 40)", uniform]
              seed: [1, 2]
            training: {epochs: 1, batchSize: 32, dropout: 0}
            evaluation: {angles: [0, 45, 90, 180, 225, 270]}
            """;
    static final Path NOTEBOOKS = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()), "notebooks");

    @TempDir
    static Path dir;
    static String results;

    @BeforeAll
    static void runTheSweep() throws Exception {
        Path spec = dir.resolve("notes.yaml");
        Files.writeString(spec, SPEC);
        results = dir.resolve("results").toString();
        assertThat(Main.run("run", spec.toString(), "--master", "local[2]", "--output", results)).isZero();
    }

    /** The session the notes run in; the CLI commands under test stop theirs, so each test asks anew. */
    static SparkSession session() {
        return SparkSessions.create("notebook-test", "local[2]");
    }

    @AfterAll
    static void stop() {
        session().close();
    }

    static List<Path> notes() throws Exception {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList();
        }
    }

    @Test
    void theFourNotesAreThere() throws Exception {
        assertThat(notes()).extracting(p -> p.getFileName().toString())
                .containsExactly("equivariance.zpln", "exact-vs-approximate.zpln", "overview.zpln", "seeds.zpln");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notes")
    void everyParagraphRunsAndEveryChartHasItsColumns(Path note) throws Exception {
        List<ZeppelinNote.Paragraph> paragraphs = ZeppelinNote.read(note);
        assertThat(paragraphs.get(0).interpreter()).as("a note opens with its %md introduction").isEqualTo("%md");
        assertThat(paragraphs.get(1).interpreter()).as("then registers the tables").isEqualTo("%spark");
        int charts = 0;
        // Only the results root: the reference figures come from beside the results, where run keeps them.
        Map<String, String> forms = Map.of("results", results);
        try (ZeppelinNote run = new ZeppelinNote(session(), forms)) {
            for (ZeppelinNote.Paragraph p : paragraphs) {
                String what = note.getFileName() + " / " + p.title();
                switch (p.interpreter()) {
                    case "%md" -> assertThat(HtmlRenderer.builder().build().render(Parser.builder().build().parse(p.body())))
                            .as(what).contains("<h2>");
                    case "%spark" -> assertThat(run.scala(p.body())).as(what).doesNotContain("error:");
                    case "%spark.sql" -> {
                        Dataset<Row> result = run.sql(p.body());
                        List<String> columns = Arrays.asList(result.columns());
                        List<ZeppelinNote.Column> charted = new ArrayList<>(p.keys());
                        charted.addAll(p.groups());
                        charted.addAll(p.values());
                        for (ZeppelinNote.Column c : charted) {
                            assertThat(columns.indexOf(c.name())).as(what + ": column " + c.name() + " at its index")
                                    .isEqualTo(c.index());
                        }
                        if (!p.mode().equals("table")) {
                            assertThat(p.keys()).as(what + ": keys").isNotEmpty();
                            assertThat(p.values()).as(what + ": values").isNotEmpty();
                            charts++;
                        }
                        List<Row> rows = result.collectAsList();
                        assertThat(rows).as(what + ": result").isNotEmpty();
                        for (ZeppelinNote.Column v : p.values()) {
                            assertThat(rows).as(what + ": " + v.name())
                                    .anySatisfy(r -> assertThat(r.<Object>getAs(v.name())).isNotNull());
                        }
                    }
                    default -> throw new AssertionError(what + ": unexpected interpreter " + p.interpreter());
                }
            }
        }
        assertThat(charts).as("charts in " + note.getFileName()).isPositive();
    }

    @Test
    void theExactUprightNetIsInvariantToQuarterTurnsInTheCurves() {
        try (ZeppelinNote run = new ZeppelinNote(session(), Map.of("results", results))) {
            List<ZeppelinNote.Paragraph> note = ZeppelinNote.readUnchecked(NOTEBOOKS.resolve("exact-vs-approximate.zpln"));
            run.scala(note.get(1).body());
            List<Row> exact = run.sql(note.get(2).body())
                    .where("net = 'p4cnn@28 (exact)'").orderBy("angle").collectAsList();
            double upright = exact.stream().filter(r -> r.<Double>getAs("angle") == 0).findFirst().orElseThrow().getAs("accuracy");
            for (double quarter : new double[] {90, 180, 270}) {
                assertThat(exact).filteredOn(r -> r.<Double>getAs("angle") == quarter).singleElement()
                        .satisfies(r -> assertThat(r.<Double>getAs("accuracy")).isEqualTo(upright));
            }
        }
    }

    @Test
    void theReportIsOneSelfContainedPageThatChromiumRendersWithEveryImage() throws Exception {
        Path out = dir.resolve("report");
        assertThat(Main.run("report", results, "--out", out.toString())).isZero();
        Path page = out.resolve("index.html");
        String html = Files.readString(page);
        assertThat(html).doesNotContain("http://", "https://", "src=\"/", "src=\"file:");
        // One accuracy chart per training symmetry, one error-by-depth chart per stage, one error-by-epoch chart per
        // training symmetry; the claims' verdicts as a table.
        assertThat(html.split("<img ", -1)).hasSize(4 + 2 + 4 + 1);
        assertThat(html).contains("p4cnn", "z2cnn", "normal(45,20)", "name: notes", "[", "Equivariance error through training",
                "alt=\"equivariance error by epoch: notes / upright\"", "<table class=\"claims\">");
        assertThat(html).containsPattern("class=\"verdict-(holds|contradicted|inconclusive|missing)\">");

        Path chromium = Path.of("/usr/bin/chromium");
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed (.ci/run installs it)");
        }
        Path artifacts = Path.of("target", "test-artifacts");
        Files.createDirectories(artifacts);
        List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000");
        String dom = chromium(common, List.of("--dump-dom", page.toUri().toString()), dir.resolve("dom.log"));
        assertThat(dom).contains("data-images-loaded=\"10\"", "data-images-broken=\"0\"");
        String console = Files.readString(dir.resolve("dom.log"));
        assertThat(console.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList())
                .as("console messages of the page").isEmpty();
        Path screenshot = artifacts.resolve("report.png").toAbsolutePath();
        chromium(common, List.of("--window-size=1280,3000", "--screenshot=" + screenshot, page.toUri().toString()),
                dir.resolve("screenshot.log"));
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void reportRefusesResultsItCannotRead() throws Exception {
        Path none = dir.resolve("none");
        assertThat(Main.run("report", none.toString(), "--out", dir.resolve("r1").toString())).isEqualTo(2);
        Files.createDirectories(dir.resolve("empty").resolve("cells"));
        assertThat(Main.run("report", dir.resolve("empty").toString(), "--out", dir.resolve("r2").toString())).isEqualTo(2);
        assertThat(Main.run("report", results, "--sweep", "nosuch", "--out", dir.resolve("r3").toString())).isEqualTo(2);
        assertThat(dir.resolve("r1")).doesNotExist();
        assertThat(dir.resolve("r2")).doesNotExist();
        assertThat(dir.resolve("r3")).doesNotExist();
    }

    @Test
    void compareSetsTheSweepBesideThePaperAndChecksEveryClaim() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int exit;
        try {
            System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = Main.run("compare", results, "--reference",
                    NOTEBOOKS.resolveSibling("sweeps").resolve("reference/paper-mnist.csv").toString());
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("Sweep 'notes' (32 ok cells)", "97.56", "edixhoven2023", "cohen2016", "96.46")
                .containsPattern("p4cnn@28\\s+upright\\s+accuracy_at_180").containsPattern("p4cnn@29\\s+normal\\(45,20\\)\\s+mean");
        List<String> verdicts = out.lines().filter(l -> l.matches("^(HOLDS|CONTRADICTED|INCONCLUSIVE|MISSING) .*")).toList();
        assertThat(verdicts).hasSize(10);
        // The grid has no p4cnn@27, but 29 is approximate, so every claim can be checked (45° and 225° are tested:
        // the bands of the biased trainings and the opposite side).
        assertThat(verdicts).noneMatch(l -> l.startsWith("MISSING"));
        assertThat(exit).isEqualTo(verdicts.stream().allMatch(l -> l.startsWith("HOLDS")) ? 0
                : verdicts.stream().anyMatch(l -> l.startsWith("CONTRADICTED")) ? 4 : 5);
        assertThat(out).containsPattern("\\d+ of 10 claims hold");
        assertThat(verdicts.get(0)).startsWith("HOLDS").as("exact p4cnn@28 is invariant to quarter turns in any training");
        assertThat(verdicts.get(8)).startsWith("HOLDS").as("exact p4cnn@28 stays exact at every epoch");
    }

    @Test
    void compareRefusesABadReference() throws Exception {
        assertThat(Main.run("compare", results, "--reference", dir.resolve("none.csv").toString())).isEqualTo(2);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n");
        assertThat(Main.run("compare", results, "--reference", bad.toString())).isEqualTo(2);
        assertThat(Main.run("compare", results, "--sweep", "other", "--reference",
                NOTEBOOKS.resolveSibling("sweeps").resolve("reference/paper-mnist.csv").toString())).isEqualTo(2);
    }

    private static String chromium(List<String> common, List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>(common);
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish: " + Files.readString(log));
        }
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return stdout;
    }
}

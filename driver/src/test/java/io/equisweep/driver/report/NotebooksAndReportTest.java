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
            evaluation: {angles: [0, 45, 90, 180, 270]}
            """;
    static final Path NOTEBOOKS = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()), "notebooks");

    @TempDir
    static Path dir;
    static String results;
    static SparkSession spark;

    @BeforeAll
    static void runTheSweep() throws Exception {
        Path spec = dir.resolve("notes.yaml");
        Files.writeString(spec, SPEC);
        results = dir.resolve("results").toString();
        assertThat(Main.run("run", spec.toString(), "--master", "local[2]", "--output", results)).isZero();
        spark = SparkSessions.create("notebook-test", "local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
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
        try (ZeppelinNote run = new ZeppelinNote(spark, Map.of("results", results))) {
            for (ZeppelinNote.Paragraph p : paragraphs) {
                String what = note.getFileName() + " / " + p.title();
                switch (p.interpreter()) {
                    case "%md" -> assertThat(HtmlRenderer.builder().build().render(Parser.builder().build().parse(p.body())))
                            .as(what).contains("<h2>");
                    case "%spark" -> assertThat(run.scala(p.body())).as(what).doesNotContain("error:");
                    case "%spark.sql" -> {
                        Dataset<Row> result = run.sql(p.body());
                        List<String> columns = Arrays.asList(result.columns());
                        List<String> charted = new ArrayList<>(p.keys());
                        charted.addAll(p.groups());
                        charted.addAll(p.values());
                        assertThat(columns).as(what + ": chart columns").containsAll(charted);
                        if (!p.mode().equals("table")) {
                            assertThat(p.keys()).as(what + ": keys").isNotEmpty();
                            assertThat(p.values()).as(what + ": values").isNotEmpty();
                            charts++;
                        }
                        List<Row> rows = result.collectAsList();
                        assertThat(rows).as(what + ": result").isNotEmpty();
                        for (String v : p.values()) {
                            assertThat(rows).as(what + ": " + v).anySatisfy(r -> assertThat(r.<Object>getAs(v)).isNotNull());
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
        try (ZeppelinNote run = new ZeppelinNote(spark, Map.of("results", results))) {
            run.scala(ZeppelinNote.readUnchecked(NOTEBOOKS.resolve("exact-vs-approximate.zpln")).get(1).body());
            List<Row> exact = run.sql(ZeppelinNote.readUnchecked(NOTEBOOKS.resolve("exact-vs-approximate.zpln")).get(2).body())
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
        // One accuracy chart per training symmetry, one error chart per stage.
        assertThat(html.split("<img ", -1)).hasSize(4 + 2 + 1);
        assertThat(html).contains("p4cnn", "z2cnn", "normal(45,20)", "name: notes", "[");

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
        assertThat(dom).contains("data-images-loaded=\"6\"", "data-images-broken=\"0\"");
        String console = Files.readString(dir.resolve("dom.log"));
        assertThat(console.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList())
                .as("console messages of the page").isEmpty();
        Path screenshot = artifacts.resolve("report.png").toAbsolutePath();
        chromium(common, List.of("--window-size=1280,3000", "--screenshot=" + screenshot, page.toUri().toString()),
                dir.resolve("screenshot.log"));
        assertThat(screenshot).isNotEmptyFile();
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

package io.equisweep.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Runs a Zeppelin note ({@code .zpln}) outside Zeppelin, paragraph by paragraph, as its interpreters
 * would: {@code %spark} in a Scala 2.12 REPL with {@code spark} and {@code z} bound, {@code %spark.sql}
 * through Spark SQL after Zeppelin's form substitution ({@code ${name=default}} and
 * {@code ${name=default,a|b}}), {@code %md} through a Markdown renderer.
 */
final class ZeppelinNote implements AutoCloseable {
    /**
     * Zeppelin's form syntax: {@code ${name=default}} (paragraph form) or {@code $${name=default}} (note
     * form); as in Zeppelin, a ',' in the default starts a select's options, so the default ends there.
     */
    static final Pattern FORM = Pattern.compile("\\$?\\$\\{([^=}]+)=([^}]*)}");

    /** A paragraph's text, interpreter and configured chart ({@code mode} "table" when no chart). */
    record Paragraph(String title, String interpreter, String body, String mode, List<Column> keys, List<Column> groups,
                     List<Column> values) {
    }

    /** A chart's reference to a result column: Zeppelin drops it silently unless both name and index match. */
    record Column(String name, int index) {
    }

    private final SparkSession spark;
    private final Map<String, String> forms;
    private final StringWriter replOutput = new StringWriter();
    private IMain repl;

    ZeppelinNote(SparkSession spark, Map<String, String> forms) {
        this.spark = spark;
        this.forms = forms;
    }

    static List<Paragraph> read(Path note) throws IOException {
        JsonNode root = new ObjectMapper().readTree(note.toFile());
        List<Paragraph> out = new ArrayList<>();
        for (JsonNode p : root.path("paragraphs")) {
            String text = p.path("text").asText();
            int newline = text.indexOf('\n');
            String first = newline < 0 ? text : text.substring(0, newline);
            JsonNode graph = p.path("config").path("results").path("0").path("graph");
            out.add(new Paragraph(p.path("title").asText(), first.strip(), newline < 0 ? "" : text.substring(newline + 1),
                    graph.path("mode").asText("table"), names(graph.path("keys")), names(graph.path("groups")),
                    names(graph.path("values"))));
        }
        return out;
    }

    static List<Paragraph> readUnchecked(Path note) {
        try {
            return read(note);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Column> names(JsonNode columns) {
        List<Column> names = new ArrayList<>();
        columns.forEach(c -> names.add(new Column(c.path("name").asText(), c.path("index").asInt(-1))));
        return names;
    }

    /** Zeppelin's form substitution: the test's value for a form, else its default. */
    String substitute(String sql) {
        Matcher m = FORM.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).strip();
            String spec = m.group(2);
            String fallback = spec.contains(",") ? spec.substring(0, spec.indexOf(',')) : spec;
            m.appendReplacement(out, Matcher.quoteReplacement(forms.getOrDefault(name, fallback)));
        }
        m.appendTail(out);
        return out.toString();
    }

    Dataset<Row> sql(String body) {
        return spark.sql(substitute(body));
    }

    /** Interprets Scala code; throws with the REPL's output when it does not compile or fails. */
    String scala(String code) {
        if (repl == null) {
            Settings settings = new Settings();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            settings.classpath().value_$eq(classpath);
            settings.usejavacp().value_$eq(true);
            repl = new IMain(settings, new PrintWriter(replOutput, true));
            bind("spark", SparkSession.class.getName(), spark);
            bind("z", NoteForms.class.getName(), new NoteForms(forms));
        }
        int before = replOutput.getBuffer().length();
        Results.Result result = repl.interpret(code);
        String output = replOutput.getBuffer().substring(before);
        if (result != Results.Success$.MODULE$) {
            throw new IllegalStateException("Scala paragraph " + result + ":\n" + output);
        }
        return output;
    }

    private void bind(String name, String type, Object value) {
        Results.Result r = repl.bind(name, type, value, scala.collection.immutable.List.<String>empty());
        if (r != Results.Success$.MODULE$) {
            throw new IllegalStateException("cannot bind " + name + ": " + replOutput);
        }
    }

    @Override
    public void close() {
        if (repl != null) {
            repl.close();
        }
    }
}

package io.equisweep.driver.report;

import io.equisweep.driver.store.SeedSummary;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: charts as embedded PNGs, tables, the specs. Viewing it needs no
 * network and no other file. A small inline script marks the page once every image has loaded
 * ({@code data-images-loaded} / {@code data-images-broken} on {@code body}), which browser tests read.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(String title, String source, ReportData data) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n").append(CSS).append("</style></head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"source\">Results: <code>").append(esc(source))
                .append("</code>. Exact nets are drawn solid, approximately equivariant ones dashed; every point is a mean over seeds.</p>\n");

        h.append("<h2>Cells by status</h2>\n<table><tr><th>sweep</th><th>status</th><th>cells</th></tr>\n");
        for (ReportData.StatusCount c : data.statusCounts()) {
            h.append("<tr><td>").append(esc(c.sweep())).append("</td><td class=\"status-").append(esc(c.status()))
                    .append("\">").append(esc(c.status())).append("</td><td class=\"num\">").append(c.cells())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!data.mixedNumerics().isEmpty()) {
            h.append("<p class=\"warning\">These settings average cells computed by different numerics versions "
                    + "(<code>equisweep run --rerun-stale</code> recomputes the older ones):</p>\n<ul>\n");
            data.mixedNumerics().forEach(m -> h.append("<li>").append(esc(m)).append("</li>\n"));
            h.append("</ul>\n");
        }

        h.append("<h2>Accuracy under rotation of the test set</h2>\n<p>One chart per symmetry in the training data. "
                + "An upright-trained exact net keeps its accuracy at 90°, 180° and 270°; approximate nets do not.</p>\n");
        if (data.curves().isEmpty()) {
            h.append("<p class=\"empty\">No ok cell has angle accuracies.</p>\n");
        }
        data.curves().forEach((chart, series) -> image(h, "accuracy vs angle: " + chart,
                Charts.accuracyByAngle("trained on: " + chart, series, band(chart))));

        h.append("<h2>Equivariance error per depth</h2>\n<p>Relative error ‖f(g·x) − g·f(x)‖ / ‖f(x)‖ over the "
                + "group's elements, at initialisation and after training (log scale; values below "
                + String.format(Locale.ROOT, "%.0e", Charts.ERROR_FLOOR) + " drawn at the floor).</p>\n");
        if (data.errors().isEmpty()) {
            h.append("<p class=\"empty\">No ok cell has equivariance errors.</p>\n");
        }
        data.errors().forEach((chart, series) -> image(h, "equivariance error: " + chart,
                Charts.errorByDepth("stage: " + chart, series)));

        h.append("<h2>Equivariance error through training</h2>\n<p>The relative invariance error of the logits (past "
                + "every breaking layer) at initialisation (epoch 0) and after every measured epoch, per training symmetry "
                + "(log scale). Approximate nets trained on upright or partially rotated data learn to break it; exact nets "
                + "stay at float round-off.</p>\n");
        if (data.errorsByEpoch().isEmpty()) {
            h.append("<p class=\"empty\">No ok cell has equivariance errors.</p>\n");
        }
        data.errorsByEpoch().forEach((chart, series) -> image(h, "equivariance error by epoch: " + chart,
                Charts.errorByEpoch("trained on: " + chart, series)));

        h.append("<h2>The paper's claims</h2>\n<p>As <code>equisweep compare</code> decides them: comparative claims by "
                + "two-sided Welch tests over seeds at α = 0.05, margins on the 95&nbsp;% interval of the difference.</p>\n");
        data.claims().forEach((sweep, claims) -> {
            h.append("<h3>").append(esc(sweep)).append("</h3>\n<table class=\"claims\"><tr><th>verdict</th><th>claim</th>"
                    + "<th>evidence</th></tr>\n");
            for (var c : claims) {
                h.append("<tr><td class=\"verdict-").append(c.verdict().name().toLowerCase(Locale.ROOT)).append("\">")
                        .append(c.verdict()).append("</td><td>").append(esc(c.statement())).append("</td><td>")
                        .append(String.join("<br>", c.evidence().stream().map(HtmlReport::esc).toList())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        });

        h.append("<h2>Per setting, over seeds</h2>\n<p>n cells, mean and 95&nbsp;% confidence interval (Student's t).</p>\n");
        settingsTable(h, data.settings());

        h.append("<h2>Sweep specs</h2>\n");
        if (data.specs().isEmpty()) {
            h.append("<p class=\"empty\">No spec stored with these results (runs before equisweep 0.1 did not keep it).</p>\n");
        }
        data.specs().forEach((name, yaml) -> h.append("<h3>").append(esc(name)).append("</h3>\n<pre>").append(esc(yaml))
                .append("</pre>\n"));
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    /** The band of a chart "sweep / normal(45,20)": the training distribution's mean ± σ; none for other symmetries. */
    static Charts.Band band(String chart) {
        String symmetry = chart.substring(chart.lastIndexOf(" / ") + 3);
        try {
            if (io.equisweep.workers.symmetry.DataSymmetry.parse(symmetry).distribution()
                    instanceof io.equisweep.workers.symmetry.SymmetryDistribution.Normal n) {
                return new Charts.Band(n.mean(), n.sigma(), "training rotations: mean ± σ");
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static void image(StringBuilder h, String alt, byte[] png) {
        h.append("<figure><img alt=\"").append(esc(alt)).append("\" width=\"").append(Charts.WIDTH).append("\" height=\"")
                .append(Charts.HEIGHT).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"></figure>\n");
    }

    private static void settingsTable(StringBuilder h, List<SeedSummary.Stat> stats) {
        Map<List<Object>, Map<String, SeedSummary.Stat>> bySetting = new LinkedHashMap<>();
        for (SeedSummary.Stat s : stats) {
            bySetting.computeIfAbsent(s.group(), k -> new LinkedHashMap<>()).put(s.metric(), s);
        }
        List<String> header = new ArrayList<>(ReportData.SETTING);
        header.add("n");
        header.addAll(ReportData.METRICS);
        h.append("<table><tr>");
        header.forEach(c -> h.append("<th>").append(esc(c.replace('_', ' '))).append("</th>"));
        h.append("</tr>\n");
        bySetting.forEach((group, metrics) -> {
            h.append("<tr>");
            group.forEach(v -> h.append("<td>").append(v instanceof Boolean b ? (b ? "exact" : "approx") : esc(String.valueOf(v)))
                    .append("</td>"));
            h.append("<td class=\"num\">").append(metrics.values().stream().mapToLong(SeedSummary.Stat::n).max().orElse(0))
                    .append("</td>");
            for (String m : ReportData.METRICS) {
                SeedSummary.Stat s = metrics.get(m);
                h.append("<td class=\"num\">").append(s == null ? "—" : format(s)).append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n");
    }

    private static String format(SeedSummary.Stat s) {
        boolean small = Math.abs(s.mean()) < 1e-3 && s.mean() != 0;
        String pattern = small ? "%.1e" : "%.3f";
        String mean = String.format(Locale.ROOT, pattern, s.mean());
        return Double.isNaN(s.low()) ? mean : mean + " <span class=\"ci\">[" + String.format(Locale.ROOT, pattern, s.low())
                + ", " + String.format(Locale.ROOT, pattern, s.high()) + "]</span>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
            h1 { font-size: 1.6em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ddd; padding: 3px 8px; }
            th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .ci { color: #777; } .warning { color: #b42318; } .status-ok { color: #1a7f37; } .status-failed, .status-diverged, .status-invalid { color: #b42318; }
            .verdict-holds { color: #1a7f37; font-weight: 600; } .verdict-contradicted { color: #b42318; font-weight: 600; }
            .verdict-inconclusive, .verdict-missing { color: #9a6700; font-weight: 600; } table.claims td { vertical-align: top; }
            figure { margin: 1em 0; } pre { background: #f7f7f7; padding: 1em; overflow-x: auto; } .source, .empty { color: #555; }
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var images = Array.prototype.slice.call(document.images);
              var broken = images.filter(function (i) { return !i.complete || i.naturalWidth === 0; });
              document.body.setAttribute('data-images-loaded', String(images.length - broken.length));
              document.body.setAttribute('data-images-broken', String(broken.length));
            });
            """;
}

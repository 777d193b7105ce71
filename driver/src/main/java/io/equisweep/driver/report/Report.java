package io.equisweep.driver.report;

import io.equisweep.driver.store.ResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.spark.sql.SparkSession;

/** {@code equisweep report}: reads a results root and writes {@code index.html} into a folder. */
public final class Report {
    private Report() {
    }

    /**
     * @return the page written
     * @throws IllegalArgumentException when there are no results (or none of {@code sweep})
     */
    public static Path write(SparkSession spark, String results, String sweep, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ReportData data = ReportData.read(new ResultStore(spark, results), sweep);
        String title = "equisweep report" + (sweep == null ? "" : ": " + sweep);
        Files.createDirectories(outDir);
        Path page = outDir.resolve("index.html");
        Path partial = outDir.resolve(".index.html.tmp");
        Files.writeString(partial, HtmlReport.render(title, results, data), StandardCharsets.UTF_8);
        return Files.move(partial, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package io.equisweep.driver.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The published figures equisweep ships ({@code sweeps/reference/*.csv}, bundled in the driver's jar), which
 * {@code run} keeps beside every results root so that the notes compare with them given only the results root.
 */
public final class ShippedReferences {
    /** The files of {@code sweeps/reference} (a test holds the list to the folder). */
    public static final List<String> NAMES = List.of("paper-mnist.csv");
    private static final String RESOURCES = "/io/equisweep/driver/reference/";

    private ShippedReferences() {
    }

    public static String read(String name) {
        try (InputStream in = ShippedReferences.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the driver's jar lacks " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes every shipped reference into {@code store}'s reference folder where it is not there already; a
     * failure (a second driver writing it at the same moment) only costs the notes their default reference.
     */
    public static void keepBeside(ResultStore store, java.io.PrintStream warnings) {
        for (String name : NAMES) {
            try {
                String csv = read(name);
                if (!csv.equals(store.reference(name))) {
                    store.saveReference(name, csv);
                }
            } catch (UncheckedIOException e) {
                warnings.println("warning: could not keep " + name + " beside the results (" + e.getMessage()
                        + "); the notes' comparison then needs the reference form");
            }
        }
    }
}

package io.equisweep.driver.report;

import java.util.Map;

/**
 * The part of Zeppelin's {@code z} (ZeppelinContext) that equisweep's notes use: note and paragraph
 * text boxes, answered from the values a test sets (else the form's default), as a user filling the
 * forms would.
 */
public final class NoteForms {
    private final Map<String, String> values;

    public NoteForms(Map<String, String> values) {
        this.values = values;
    }

    public Object noteTextbox(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public Object textbox(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }
}

package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.List;
import java.util.Map;

/** A kind of dataset a sweep can name. */
public interface DatasetSource {

    /** The name used in sweep specs. */
    String name();

    /** Every option this source understands, with its default ({@code null} when required). */
    Map<String, String> optionDefaults();

    /** Problems with the given options, as human-readable messages naming the option; empty when valid. */
    List<String> validate(Map<String, String> options);

    /**
     * A string that changes whenever the data a cell would see changes (name, options, and for
     * file-backed sources a checksum of the files). It is part of every cell id.
     */
    String identity(DatasetSpec spec);

    /** Channels of every image, known without loading. */
    int channels(DatasetSpec spec);

    /** Number of classes, known without loading. */
    int classes(DatasetSpec spec);

    /**
     * The side of the images as stored, known without loading; 0 when images are brought to each cell's input
     * size as they are decoded (image folders). A {@code crop} must not exceed it.
     */
    default int imageSize(DatasetSpec spec) {
        return 0;
    }

    /** The split sizes {@link #load} will produce, known without loading (for planning). */
    SplitSizes splitSizes(DatasetSpec spec);

    /** The message for an option {@code key} that dataset {@code name} does not know. */
    static String unknownOption(String name, String key, java.util.Collection<String> valid) {
        return "unknown option '" + key + "' for dataset " + name + "; valid: " + String.join(", ", valid);
    }

    /** Loads the splits. */
    DatasetSplits load(DatasetSpec spec);
}

package io.equisweep.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.equisweep.workers.data.DatasetSplits;

/**
 * {@link DatasetSplits} as a record, refusing streamed splits: those are handles on an executor's files
 * (HDF5, image folders), which every executor opens itself; shipping one is a bug, reported as such.
 */
final class InMemorySplitsSerializer extends Serializer<DatasetSplits> {
    private final RecordSerializer<DatasetSplits> records = new RecordSerializer<>(DatasetSplits.class);

    InMemorySplitsSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, DatasetSplits splits) {
        if (!splits.inMemory()) {
            throw new IllegalArgumentException("dataset splits streamed from files are never serialised (train: "
                    + splits.train() + "); each executor reads them from its own copy of the files");
        }
        records.write(kryo, output, splits);
    }

    @Override
    public DatasetSplits read(Kryo kryo, Input input, Class<DatasetSplits> type) {
        return records.read(kryo, input, type);
    }
}

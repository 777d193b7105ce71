package io.equisweep.driver.spark;

import io.equisweep.workers.CellRunner;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.data.CellData;
import io.equisweep.workers.train.BatchBuilder;
import io.equisweep.workers.train.BatchRecipe;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Executor side of a data-parallel cell: builds a minibatch from its recipe on the cell's data, which this JVM
 * prepares once per cell ({@link ExecutorCellData}) from the dataset splits it gets as single-task cells do (a
 * broadcast, or its own copy of the files for large and streamed datasets). Runs lazily, as DL4J's worker pulls
 * its partition's minibatches, so an executor holds one minibatch at a time.
 */
final class BuildBatchFunction implements Function<BatchRecipe, MultiDataSet> {
    private final Broadcast<CellSpec> cell;
    private final DatasetBroadcasts datasets;
    private final LongAccumulator built;

    /** @param built counts the minibatches built, summed over the executors */
    BuildBatchFunction(Broadcast<CellSpec> cell, DatasetBroadcasts datasets, LongAccumulator built) {
        this.cell = cell;
        this.datasets = datasets;
        this.built = built;
    }

    @Override
    public MultiDataSet call(BatchRecipe recipe) {
        CellSpec spec = cell.value();
        CellData data = prepared(spec, datasets);
        DataSet batch = new BatchBuilder(data, spec.training().augmentation()).build(recipe);
        built.add(1);
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {batch.getFeatures()},
                new INDArray[] {batch.getLabels()});
    }

    /** The prepared data of {@code spec} in this JVM, shared by the driver and, in local mode, the executors. */
    static CellData prepared(CellSpec spec, DatasetBroadcasts datasets) {
        return ExecutorCellData.get(spec.id(), () -> CellRunner.prepare(spec, datasets.splits(spec.dataset()).get()));
    }
}

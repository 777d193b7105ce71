package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.equisweep.workers.cell.AccuracySummary;
import io.equisweep.workers.cell.Augmentation;
import io.equisweep.workers.cell.CellResult;
import io.equisweep.workers.cell.LayerError;
import io.equisweep.workers.cell.CellSpec;
import io.equisweep.workers.cell.CellStatus;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.cell.EpochRecord;
import io.equisweep.workers.cell.EvaluationSpec;
import io.equisweep.workers.cell.LearningRateSchedule;
import io.equisweep.workers.cell.Optimizer;
import io.equisweep.workers.cell.TrainingMode;
import io.equisweep.workers.cell.TrainingSpec;
import io.equisweep.workers.cell.TransformAccuracy;
import io.equisweep.workers.data.DatasetSplits;
import io.equisweep.workers.data.ImageSet;
import io.equisweep.workers.train.BatchRecipe;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Registers every class equisweep sends between driver and executors, so Spark can run with
 * {@code spark.kryo.registrationRequired=true} (an unregistered class then fails loudly instead of
 * silently writing its full class name into every record). Also registers the Spark SQL classes that
 * a Parquet write ships and that Spark itself leaves unregistered.
 */
public final class EquisweepKryoRegistrator implements KryoRegistrator {

    /** Our records, each with a {@link RecordSerializer}. */
    public static final List<Class<? extends Record>> RECORDS = List.of(
            CellSpec.class, DatasetSpec.class, TrainingSpec.class, LearningRateSchedule.Constant.class,
            LearningRateSchedule.Step.class, LearningRateSchedule.MultiStep.class, LearningRateSchedule.OneCycle.class,
            LearningRateSchedule.Warmup.class, Augmentation.class, EvaluationSpec.class, CellResult.class, EpochRecord.class, TransformAccuracy.class, CellAttempt.class,
            DatasetSplits.class, AccuracySummary.class, LayerError.class);

    /** Our classes with a serializer of their own. */
    public static final List<Class<?>> CUSTOM = List.of(ImageSet.class, BatchRecipe.class);

    /** Our other classes, with Kryo's default serializers. */
    public static final List<Class<?>> PLAIN = List.of(Optimizer.class, CellStatus.class, TrainingMode.class);

    /**
     * What data-parallel training (dl4j-spark's parameter averaging) may ship besides ND4J's arrays, which
     * dl4j-spark's own {@code Nd4jRegistrator} covers: minibatches (DataSets, and the MultiDataSets a
     * ComputationGraph trains on; equisweep builds them inside the training tasks and ships {@link BatchRecipe}s
     * instead, but Spark may still cache or spill what a DL4J job persists) and the workers' results.
     */
    static final List<String> DATA_PARALLEL_CLASSES = List.of(
            "org.nd4j.linalg.dataset.DataSet", "org.nd4j.linalg.dataset.MultiDataSet",
            "org.nd4j.linalg.api.ndarray.INDArray[]", "java.util.ArrayList",
            "org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple");

    /**
     * The network and its parameters broadcast to every data-parallel worker: Java-serialised, since its
     * object graph (the whole network configuration) would otherwise need every layer, activation and
     * updater class registered one by one.
     */
    static final String NETWORK_BROADCAST = "org.deeplearning4j.spark.api.worker.NetBroadcastTuple";

    /**
     * Spark classes shipped by the jobs equisweep runs that Spark does not register itself: Parquet
     * reads send the table schema to tasks, Spark registers only some of the type singletons, and local relations
     * ship their rows.
     * Found by running every job with Kryo's unregistered-class warnings on; all atomic types are
     * listed so that new table columns need no new entry.
     */
    static final List<String> SPARK_CLASSES = List.of(
            "org.apache.spark.sql.types.BooleanType$", "org.apache.spark.sql.types.ByteType$",
            "org.apache.spark.sql.types.ShortType$", "org.apache.spark.sql.types.IntegerType$",
            "org.apache.spark.sql.types.LongType$", "org.apache.spark.sql.types.FloatType$",
            "org.apache.spark.sql.types.DoubleType$", "org.apache.spark.sql.types.StringType$",
            "org.apache.spark.sql.types.BinaryType$", "org.apache.spark.sql.types.DateType$",
            "org.apache.spark.sql.types.TimestampType$", "org.apache.spark.sql.types.TimestampNTZType$",
            "org.apache.spark.sql.types.NullType$", "org.apache.spark.sql.types.ArrayType",
            "org.apache.spark.sql.types.MapType", "org.apache.spark.sql.types.StructType",
            "org.apache.spark.sql.types.StructField", "org.apache.spark.sql.types.StructField[]",
            "org.apache.spark.sql.types.Metadata", "org.apache.spark.sql.types.DataType[]",
            // The rows of a query over literals (a note's SELECT of constants), shipped with its tasks.
            "org.apache.spark.sql.catalyst.expressions.GenericInternalRow");

    private static Class<?> named(String name) throws ClassNotFoundException {
        ClassLoader loader = EquisweepKryoRegistrator.class.getClassLoader();
        if (name.endsWith("[]")) {
            return java.lang.reflect.Array.newInstance(Class.forName(name.substring(0, name.length() - 2), false, loader), 0)
                    .getClass();
        }
        return Class.forName(name, false, loader);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void registerClasses(Kryo kryo) {
        for (Class<? extends Record> type : RECORDS) {
            kryo.register(type, new RecordSerializer(type));
        }
        for (Class<?> type : PLAIN) {
            kryo.register(type);
        }
        kryo.register(DatasetSplits.class, new InMemorySplitsSerializer());
        kryo.register(ImageSet.class, new ImageSetSerializer());
        kryo.register(BatchRecipe.class, new BatchRecipeSerializer());
        for (String name : SPARK_CLASSES) {
            try {
                kryo.register(named(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Spark class " + name + " not found: is this Spark 3.5?", e);
            }
        }
        new Nd4jRegistrator().registerClasses(kryo);
        try {
            for (String name : DATA_PARALLEL_CLASSES) {
                kryo.register(named(name));
            }
            kryo.register(named(NETWORK_BROADCAST), new JavaSerializer());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("dl4j-spark class missing from the application jar", e);
        }
    }
}

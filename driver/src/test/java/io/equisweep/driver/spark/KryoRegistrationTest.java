package io.equisweep.driver.spark;

import io.equisweep.driver.cells.CellAttempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import io.equisweep.workers.train.BatchRecipe;
import io.equisweep.workers.train.CropFlip;
import io.equisweep.workers.train.ResizedCrop;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

class KryoRegistrationTest {

    static final TrainingSpec TRAINING = new TrainingSpec(3, 32, Optimizer.SGD, 0.1, 0.9, 1e-5,
            LearningRateSchedule.step(0.5, 10), 0.25, TrainingMode.DATA_PARALLEL, 3);
    static final CellSpec CELL = new CellSpec("0123456789abcdef", "z2cnn", 29, "d4", 7,
            new DatasetSpec("synthetic", Map.of("trainSize", "10", "seed", "3")), TRAINING,
            new EvaluationSpec(List.of(0.0, 45.5, 90.0), true));
    static final CellResult RESULT = new CellResult("0123456789abcdef", CellStatus.DIVERGED, "training diverged", 2,
            25_210, 12.5, Double.NaN, 1_700_000_000_000L, 1_700_000_012_500L, Double.NaN, 0.5, 0.25, Double.NaN,
            List.of(new EpochRecord(1, 2.3, 0.1, 0.2, 0.01, 6.1)),
            List.of(new TransformAccuracy(TransformAccuracy.FLIP_ROTATION, 90, 0.75)),
            new AccuracySummary(0.9, 0.6, 0.4, 130, 0.7, Double.NaN),
            List.of(new LayerError(LayerError.TRAINED, 3, 2, "relu3", "r2f", 0.25, 0.01)), 1.5, "nd4j-cpu linux-x86_64-onednn");

    static final ImageSet IMAGES = new ImageSet(new float[] {0.5f, 0.25f, 1f, 0f, 0.125f, 0.75f, 0.5f, 1f}, new int[] {3, 1},
            1, 2, 5);
    static final DatasetSplits SPLITS = new DatasetSplits(IMAGES, IMAGES, IMAGES);

    static final BatchRecipe RECIPE = new BatchRecipe(new int[] {4, 0, 70_000},
            new Transform[] {new Transform(true, 90), new Transform(false, 12.5), new Transform(false, 0)},
            new CropFlip.Draw[] {new CropFlip.Draw(0, 8, true), new CropFlip.Draw(3, 4, false), new CropFlip.Draw(8, 0, true)});

    /** One instance of every class the registrator names. */
    static final List<Object> SAMPLES = List.of(CELL, CELL.dataset(), TRAINING, TRAINING.schedule(), CELL.evaluation(),
            LearningRateSchedule.constant(), LearningRateSchedule.multiStep(List.of(8, 16), 0.75),
            LearningRateSchedule.oneCycle(), LearningRateSchedule.step(0.1, 30).withWarmup(5), new Augmentation(4, true),
            new Augmentation(0, true, true), RESULT, RESULT.epochs().get(0), RESULT.accuracies().get(0),
            new CellAttempt(RESULT, "3", "worker-1", 2), Optimizer.ADAM, CellStatus.INVALID, TrainingMode.SINGLE, SPLITS, IMAGES,
            RESULT.summary(), RESULT.layers().get(0), RECIPE);

    static SerializerInstance strictKryo() {
        SparkConf conf = new SparkConf(false)
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.kryo.registrator", EquisweepKryoRegistrator.class.getName());
        return new KryoSerializer(conf).newInstance();
    }

    @Test
    void samplesCoverEveryRegisteredClass() {
        Set<Class<?>> registered = new HashSet<>(EquisweepKryoRegistrator.RECORDS);
        registered.addAll(EquisweepKryoRegistrator.PLAIN);
        registered.addAll(EquisweepKryoRegistrator.CUSTOM);
        Set<Class<?>> sampled = new HashSet<>();
        SAMPLES.forEach(s -> sampled.add(s.getClass()));
        assertThat(sampled).isEqualTo(registered);
    }

    @Test
    void everyRegisteredClassRoundTripsWithRegistrationRequired() {
        SerializerInstance kryo = strictKryo();
        for (Object sample : SAMPLES) {
            ByteBuffer bytes = kryo.serialize(sample, ClassTag$.MODULE$.Any());
            Object back = kryo.deserialize(bytes, ClassTag$.MODULE$.Any());
            if (sample instanceof ImageSet || sample instanceof DatasetSplits) {
                ImageSet a = (ImageSet) (sample instanceof DatasetSplits d ? d.test() : sample);
                ImageSet b = (ImageSet) (back instanceof DatasetSplits d ? d.test() : back);
                assertThat(b.pixels()).containsExactly(a.pixels());
                assertThat(b.labels()).containsExactly(a.labels());
                assertThat(List.of(b.channels(), b.size(), b.classes())).isEqualTo(List.of(a.channels(), a.size(), a.classes()));
            } else {
                assertThat(back).as(sample.getClass().getSimpleName()).isEqualTo(sample);
            }
        }
    }

    @Test
    void sparkSqlTypesThatParquetReadsShipAreRegistered() {
        SerializerInstance kryo = strictKryo();
        var schema = io.equisweep.driver.store.CellsTable.SCHEMA;
        assertThat(kryo.deserialize(kryo.serialize(schema, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any()))
                .isEqualTo(schema);
        for (var type : List.of(DataTypes.BooleanType, DataTypes.TimestampType, DataTypes.DateType, DataTypes.FloatType)) {
            assertThat(kryo.deserialize(kryo.serialize(type, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any()))
                    .isEqualTo(type);
        }
    }

    @Test
    void dataParallelMinibatchesRoundTrip() {
        SerializerInstance kryo = strictKryo();
        var features = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 4, 4);
        var labels = org.nd4j.linalg.factory.Nd4j.eye(2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        var batch = new org.nd4j.linalg.dataset.DataSet(features, labels);
        var back = (org.nd4j.linalg.dataset.DataSet) kryo.deserialize(kryo.serialize(batch, ClassTag$.MODULE$.Any()),
                ClassTag$.MODULE$.Any());
        assertThat(back.getFeatures()).isEqualTo(features);
        assertThat(back.getLabels()).isEqualTo(labels);
        var multi = (org.nd4j.linalg.dataset.MultiDataSet) kryo.deserialize(
                kryo.serialize(batch.toMultiDataSet(), ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any());
        assertThat(multi.getFeatures(0)).isEqualTo(features);
        BatchRecipe plain = new BatchRecipe(new int[] {2, 1}, null, null);
        assertThat(kryo.deserialize(kryo.serialize(plain, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any()))
                .isEqualTo(plain).isNotEqualTo(RECIPE);
        BatchRecipe resized = new BatchRecipe(new int[] {7, 3}, new Transform[] {new Transform(false, 90),
                new Transform(true, 0)}, null, new ResizedCrop.Draw[] {new ResizedCrop.Draw(Long.MIN_VALUE, true),
                new ResizedCrop.Draw(-12345678901L, false)});
        assertThat(kryo.deserialize(kryo.serialize(resized, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any()))
                .isEqualTo(resized).isNotEqualTo(new BatchRecipe(resized.images(), resized.transforms(), null,
                        new ResizedCrop.Draw[] {new ResizedCrop.Draw(Long.MIN_VALUE, true),
                                new ResizedCrop.Draw(-12345678901L, true)}));
    }

    @Test
    void anUnregisteredClassFailsLoudly() {
        record Stray(int x) {
        }
        assertThatThrownBy(() -> strictKryo().serialize(new Stray(1), ClassTag$.MODULE$.Any()))
                .hasMessageContaining("Class is not registered");
    }

    @Test
    void deserialisationRunsTheRecordsOwnValidation() {
        // The canonical constructor runs on read: an immutable copy comes back, never Kryo-built state.
        SerializerInstance kryo = strictKryo();
        Object back = kryo.deserialize(kryo.serialize(CELL.evaluation(), ClassTag$.MODULE$.Any()),
                ClassTag$.MODULE$.Any());
        assertThatThrownBy(() -> ((EvaluationSpec) back).angles().add(1.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}

package io.equisweep.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.equisweep.workers.data.ImageSet;

/** Kryo serializer for {@link ImageSet}: shape, then the pixel and label arrays in bulk. */
final class ImageSetSerializer extends Serializer<ImageSet> {

    ImageSetSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, ImageSet set) {
        out.writeInt(set.channels(), true);
        out.writeInt(set.size(), true);
        out.writeInt(set.classes(), true);
        int[] labels = set.labels();
        out.writeInt(labels.length, true);
        out.writeInts(labels, true);
        out.writeFloats(set.pixels());
    }

    @Override
    public ImageSet read(Kryo kryo, Input in, Class<ImageSet> type) {
        int channels = in.readInt(true);
        int size = in.readInt(true);
        int classes = in.readInt(true);
        int count = in.readInt(true);
        int[] labels = in.readInts(count, true);
        float[] pixels = in.readFloats(count * channels * size * size);
        return new ImageSet(pixels, labels, channels, size, classes);
    }
}

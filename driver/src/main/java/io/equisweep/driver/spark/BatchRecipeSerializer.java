package io.equisweep.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.equisweep.workers.symmetry.SymmetryDistribution.Transform;
import io.equisweep.workers.train.BatchRecipe;
import io.equisweep.workers.train.CropFlip;
import io.equisweep.workers.train.ResizedCrop;

/**
 * Kryo form of a {@link BatchRecipe}, the element of a data-parallel epoch's RDD: the image indices, then each
 * image's symmetry draw (flip, degrees), crop/flip draw (top, left, flip) and resized-crop draw (seed, flip) when
 * present, as primitives.
 */
final class BatchRecipeSerializer extends Serializer<BatchRecipe> {
    BatchRecipeSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, BatchRecipe recipe) {
        int n = recipe.size();
        out.writeInt(n, true);
        out.writeInts(recipe.images(), true);
        out.writeBoolean(recipe.transforms() != null);
        if (recipe.transforms() != null) {
            for (Transform t : recipe.transforms()) {
                out.writeBoolean(t.flip());
                out.writeDouble(t.degrees());
            }
        }
        out.writeBoolean(recipe.cropFlips() != null);
        if (recipe.cropFlips() != null) {
            for (CropFlip.Draw d : recipe.cropFlips()) {
                out.writeInt(d.top(), true);
                out.writeInt(d.left(), true);
                out.writeBoolean(d.flip());
            }
        }
        out.writeBoolean(recipe.resizedCrops() != null);
        if (recipe.resizedCrops() != null) {
            for (ResizedCrop.Draw d : recipe.resizedCrops()) {
                out.writeLong(d.seed());
                out.writeBoolean(d.flip());
            }
        }
    }

    @Override
    public BatchRecipe read(Kryo kryo, Input in, Class<BatchRecipe> type) {
        int n = in.readInt(true);
        int[] images = in.readInts(n, true);
        Transform[] transforms = null;
        if (in.readBoolean()) {
            transforms = new Transform[n];
            for (int i = 0; i < n; i++) {
                transforms[i] = new Transform(in.readBoolean(), in.readDouble());
            }
        }
        CropFlip.Draw[] cropFlips = null;
        if (in.readBoolean()) {
            cropFlips = new CropFlip.Draw[n];
            for (int i = 0; i < n; i++) {
                cropFlips[i] = new CropFlip.Draw(in.readInt(true), in.readInt(true), in.readBoolean());
            }
        }
        ResizedCrop.Draw[] resizedCrops = null;
        if (in.readBoolean()) {
            resizedCrops = new ResizedCrop.Draw[n];
            for (int i = 0; i < n; i++) {
                resizedCrops[i] = new ResizedCrop.Draw(in.readLong(), in.readBoolean());
            }
        }
        return new BatchRecipe(images, transforms, cropFlips, resizedCrops);
    }
}

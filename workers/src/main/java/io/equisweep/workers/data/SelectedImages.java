package io.equisweep.workers.data;

/** Images of another set at given indices, read through it. */
record SelectedImages(Images source, int[] indices) implements Images {

    SelectedImages {
        for (int i : indices) {
            if (i < 0 || i >= source.count()) {
                throw new IndexOutOfBoundsException("index " + i + " outside a set of " + source.count() + " images");
            }
        }
    }

    @Override
    public int count() {
        return indices.length;
    }

    @Override
    public int channels() {
        return source.channels();
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public int classes() {
        return source.classes();
    }

    @Override
    public int label(int i) {
        return source.label(indices[i]);
    }

    @Override
    public void copyImage(int i, float[] dst, int dstOffset) {
        source.copyImage(indices[i], dst, dstOffset);
    }

    @Override
    public void copyResizedCrop(int i, CropBox.Rule rule, float[] dst, int dstOffset) {
        source.copyResizedCrop(indices[i], rule, dst, dstOffset);
    }

    @Override
    public Images decodedAt(int side) {
        Images decoded = source.decodedAt(side);
        return decoded == source ? this : new SelectedImages(decoded, indices);
    }

    @Override
    public Images select(int[] more) {
        int[] composed = new int[more.length];
        for (int k = 0; k < more.length; k++) {
            composed[k] = indices[more[k]];
        }
        return new SelectedImages(source, composed);
    }
}

package io.equisweep.workers.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;

/**
 * Image files (JPEG, PNG) decoded with ImageIO when read, as RGB, brought to {@code size} × {@code size} as the
 * official Flowers-102 evaluation pipeline does at 224 ({@code Resize(256)} then {@code CenterCrop(224)}): the
 * shorter side scaled to {@code size · 256 / 224}, then the centre {@code size} × {@code size}. Grayscale images
 * become three equal channels. A random resized crop is taken on the whole decoded file, as the official training
 * pipeline's {@code RandomResizedCrop} is.
 */
record FolderImages(List<Path> files, int[] labels, int classes, int size) implements Images {
    /** The size a set is listed at before a cell asks for its own ({@link #decodedAt}). */
    static final int NOMINAL_SIZE = 224;

    @Override
    public int count() {
        return files.size();
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public Images decodedAt(int side) {
        return side == size ? this : new FolderImages(files, labels, classes, side);
    }

    @Override
    public void copyImage(int i, float[] dst, int dstOffset) {
        copyPixels(centred(read(files.get(i)), size), dst, dstOffset);
    }

    /** The box taken on the whole decoded file (not on its centre crop), scaled to {@code size} × {@code size}. */
    @Override
    public void copyResizedCrop(int i, CropBox.Rule rule, float[] dst, int dstOffset) {
        Path file = files.get(i);
        BufferedImage image = read(file);
        CropBox box = rule.in(image.getWidth(), image.getHeight());
        if (!box.within(image.getWidth(), image.getHeight())) {
            throw new IllegalArgumentException(file + ": " + box + " does not lie inside the " + image.getWidth()
                    + "×" + image.getHeight() + " image");
        }
        BufferedImage cropped = new BufferedImage(box.width(), box.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = cropped.createGraphics();
        g.drawImage(image, 0, 0, box.width(), box.height(), box.left(), box.top(), box.left() + box.width(),
                box.top() + box.height(), null);
        g.dispose();
        copyPixels(scale(cropped, size, size), dst, dstOffset);
    }

    /** An RGB image of side {@code size} as C × size × size floats in [0, 1]. */
    private void copyPixels(BufferedImage image, float[] dst, int dstOffset) {
        int plane = size * size;
        int[] rgb = image.getRGB(0, 0, size, size, null, 0, size);
        for (int p = 0; p < plane; p++) {
            dst[dstOffset + p] = ((rgb[p] >> 16) & 0xff) / 255f;
            dst[dstOffset + plane + p] = ((rgb[p] >> 8) & 0xff) / 255f;
            dst[dstOffset + 2 * plane + p] = (rgb[p] & 0xff) / 255f;
        }
    }

    static BufferedImage read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IIOException e) {
            throw new DatasetException(file + ": cannot decode (" + e.getMessage()
                    + "); JPEG and PNG in RGB or grayscale are supported, not CMYK", e);
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(file + ": not an image ImageIO can read (JPEG or PNG expected)");
        }
        return image;
    }

    /** The shorter side scaled to {@code round(m · 256 / 224)}, then the centre m × m, as RGB. */
    static BufferedImage centred(BufferedImage image, int m) {
        int w = image.getWidth();
        int h = image.getHeight();
        int shorter = (int) Math.round(m * 256.0 / 224.0);
        double scale = (double) shorter / Math.min(w, h);
        int sw = Math.max(m, (int) Math.round(w * scale));
        int sh = Math.max(m, (int) Math.round(h * scale));
        BufferedImage scaled = scale(image, sw, sh);
        int x0 = (int) Math.round((sw - m) / 2.0);
        int y0 = (int) Math.round((sh - m) / 2.0);
        return scaled.getSubimage(x0, y0, m, m);
    }

    /** Bilinear, halving first while more than twice too large (a plain bilinear step would alias). */
    private static BufferedImage scale(BufferedImage image, int tw, int th) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        do {
            w = w > 2 * tw ? w / 2 : tw;
            h = h > 2 * th ? h / 2 : th;
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        } while (w != tw || h != th);
        return current;
    }

    @Override
    public String toString() {
        return "image files (" + files.size() + ", decoded at " + size + "×" + size + ", streamed)";
    }
}

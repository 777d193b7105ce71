package io.equisweep.workers.data;

/**
 * A rectangle of an image: rows {@code [top, top + height)}, columns {@code [left, left + width)}, as torchvision's
 * {@code (i, j, h, w)}.
 */
public record CropBox(int top, int left, int height, int width) {

    public CropBox {
        if (top < 0 || left < 0 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a crop box needs top, left >= 0 and height, width >= 1, got top "
                    + top + ", left " + left + ", height " + height + ", width " + width);
        }
    }

    /** Whether the box lies inside an image of {@code imageWidth} × {@code imageHeight}. */
    public boolean within(int imageWidth, int imageHeight) {
        return top + height <= imageHeight && left + width <= imageWidth;
    }

    /** How a box follows from the width and height of the image it is taken from. */
    @FunctionalInterface
    public interface Rule {
        CropBox in(int imageWidth, int imageHeight);
    }
}

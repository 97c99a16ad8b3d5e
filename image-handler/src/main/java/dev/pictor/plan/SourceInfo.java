package dev.pictor.plan;

import dev.pictor.edit.ImageFormat;

/**
 * What the header of a source says, read before any pixel is decoded. {@code width} and {@code height} are as
 * stored; {@code orientation} is the EXIF value (1 = upright); {@code frames} counts an animation's frames.
 */
public record SourceInfo(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int frames) {

    public SourceInfo(ImageFormat format, int width, int height, int orientation, boolean hasAlpha) {
        this(format, width, height, orientation, hasAlpha, 1);
    }

    public SourceInfo {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
        frames = Math.max(1, frames);
    }

    /** Orientations 5 to 8 turn the image a quarter: its upright width is its stored height. */
    public boolean swapsSides() {
        return orientation >= 5;
    }

    public int uprightWidth() {
        return swapsSides() ? height : width;
    }

    public int uprightHeight() {
        return swapsSides() ? width : height;
    }

    /** Pixels of one frame. */
    public long pixels() {
        return (long) width * height;
    }

    public boolean animated() {
        return frames > 1;
    }
}

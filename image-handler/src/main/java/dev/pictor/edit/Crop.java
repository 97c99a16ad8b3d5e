package dev.pictor.edit;

import dev.pictor.error.ImageException;

/** Keep the box from (left, top) to (right, bottom), in pixels of the upright source; clamped to the image. */
public record Crop(int left, int top, int right, int bottom) implements Edit {

    public Crop {
        if (left < 0 || top < 0 || right <= left || bottom <= top) {
            throw ImageException.invalidParameter("crop box must have 0 <= left < right and 0 <= top < bottom, got "
                    + left + "x" + top + ":" + right + "x" + bottom);
        }
    }

    @Override
    public String canonical() {
        return "crop(" + left + "," + top + "," + right + "," + bottom + ")";
    }
}

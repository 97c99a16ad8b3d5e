package dev.pictor.edit;

/** sharp's median: each channel the median of the {@code size} x {@code size} square around each pixel. */
public record Median(int size) implements PixelFilter {

    /** The work is the square of the size a pixel: beyond this a URL asks for seconds of work per megapixel. */
    public static final int MAX_SIZE = 9;

    public Median {
        Checks.inRange("median size", size, 1, MAX_SIZE);
    }

    @Override
    public String canonical() {
        return "median(" + size + ")";
    }
}

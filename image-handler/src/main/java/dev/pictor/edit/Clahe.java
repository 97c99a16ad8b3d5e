package dev.pictor.edit;

/**
 * sharp's clahe: each channel equalised by the histogram of the {@code width} x {@code height} window around each
 * pixel, no bin counted above {@code maxSlope} pixels (0: no limit), as libvips' hist_local.
 */
public record Clahe(int width, int height, int maxSlope) implements PixelFilter {

    /** The window's side: the work a pixel is its height, plus 256. */
    public static final int MAX_WINDOW = 256;

    public Clahe {
        Checks.inRange("clahe width", width, 1, MAX_WINDOW);
        Checks.inRange("clahe height", height, 1, MAX_WINDOW);
        Checks.inRange("clahe maxSlope", maxSlope, 0, 100);
    }

    @Override
    public String canonical() {
        return "clahe(" + width + "x" + height + "," + maxSlope + ")";
    }
}

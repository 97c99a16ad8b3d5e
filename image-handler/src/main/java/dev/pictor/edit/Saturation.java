package dev.pictor.edit;

/**
 * Thumbor's saturation, as its filter computes it (not as its docs describe it): each channel moved from the pixel's
 * perceived brightness by {@code factor}: 0 grey, 1 unchanged, 2 doubled, negative inverted.
 */
public record Saturation(double factor) implements PixelFilter {

    public Saturation {
        Checks.inRange("saturation", factor, -100, 100);
    }

    @Override
    public String canonical() {
        return "saturation(" + Checks.format(factor) + ")";
    }
}

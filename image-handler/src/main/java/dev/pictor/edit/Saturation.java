package dev.pictor.edit;

/** Move colours away from (positive) or towards (negative) their grey by {@code percent} (Thumbor's saturation). */
public record Saturation(double percent) implements PixelFilter {

    public Saturation {
        Checks.inRange("saturation", percent, -100, 100);
    }

    @Override
    public String canonical() {
        return "saturation(" + Checks.format(percent) + ")";
    }
}

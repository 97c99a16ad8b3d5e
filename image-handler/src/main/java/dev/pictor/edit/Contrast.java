package dev.pictor.edit;

/** Stretch (positive) or compress (negative) channel values around mid-grey by {@code percent}. */
public record Contrast(int percent) implements PixelFilter {

    public Contrast {
        Checks.inRange("contrast", percent, -100, 100);
    }

    @Override
    public String canonical() {
        return "contrast(" + percent + ")";
    }
}

package dev.pictor.edit;

/** Stretch luminance so that the darkest 1% becomes black and the brightest 1% white (sharp's normalise). */
public record Normalize() implements PixelFilter {
    @Override
    public String canonical() {
        return "normalize";
    }
}

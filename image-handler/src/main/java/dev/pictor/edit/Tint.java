package dev.pictor.edit;

/** Keep each pixel's luminance and give it the chroma of {@code color} (sharp's tint). */
public record Tint(Color color) implements PixelFilter {
    @Override
    public String canonical() {
        return "tint(" + color.canonical() + ")";
    }
}

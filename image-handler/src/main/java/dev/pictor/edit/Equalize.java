package dev.pictor.edit;

/** Histogram equalisation of each channel. */
public record Equalize() implements PixelFilter {
    @Override
    public String canonical() {
        return "equalize";
    }
}

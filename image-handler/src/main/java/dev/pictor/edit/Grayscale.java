package dev.pictor.edit;

/** Luminance only (Rec. 709 weights), still written as RGB so every output format can hold it. */
public record Grayscale() implements PixelFilter {
    @Override
    public String canonical() {
        return "grayscale";
    }
}

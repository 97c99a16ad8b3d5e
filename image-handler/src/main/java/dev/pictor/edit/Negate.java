package dev.pictor.edit;

/** Invert the colours; alpha is kept (sharp's negate with alpha: false). */
public record Negate() implements PixelFilter {
    @Override
    public String canonical() {
        return "negate";
    }
}

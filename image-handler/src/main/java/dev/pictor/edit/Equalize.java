package dev.pictor.edit;

/** Histogram equalisation of each channel. */
public record Equalize() implements Edit {
    @Override
    public String canonical() {
        return "equalize";
    }
}

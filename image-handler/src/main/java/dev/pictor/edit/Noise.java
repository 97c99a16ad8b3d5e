package dev.pictor.edit;

/**
 * Add random noise of up to {@code amount} percent of the range to each channel (Thumbor's noise). The noise is
 * seeded from the image's size, so one URL always gives the same bytes and stays cacheable.
 */
public record Noise(int amount) implements PixelFilter {

    public Noise {
        Checks.inRange("noise", amount, 0, 100);
    }

    @Override
    public String canonical() {
        return "noise(" + amount + ")";
    }
}

package dev.pictor.edit;

/**
 * Each colour value raised to {@code exponent}, on the 0..1 scale: how sharp's gamma darkens before the resize
 * ({@code gamma}) and brightens after it ({@code 1 / gammaOut}), so that the resize averages nearer linear light.
 */
public record Power(double exponent) implements PixelFilter {

    public Power {
        Checks.inRange("gamma", exponent, 1 / 3.0, 3);
    }

    @Override
    public String canonical() {
        return "power(" + Checks.format(exponent) + ")";
    }
}

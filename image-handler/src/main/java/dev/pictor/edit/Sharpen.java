package dev.pictor.edit;

/** Unsharp mask: add {@code amount} times the difference from a Gaussian blur of {@code sigma}. */
public record Sharpen(double amount, double sigma, boolean luminanceOnly) implements PixelFilter {

    public static final Sharpen DEFAULT = new Sharpen(1, 1, false);

    public Sharpen {
        Checks.inRange("sharpen amount", amount, 0, 10);
        Checks.inRange("sharpen radius", sigma, 0.3, 10);
    }

    @Override
    public String canonical() {
        return "sharpen(" + Checks.format(amount) + "," + Checks.format(sigma) + (luminanceOnly ? ",luma" : "") + ")";
    }
}

package dev.pictor.edit;

/** Gaussian blur with standard deviation {@code sigma} pixels of the image at that point of the chain. */
public record Blur(double sigma) implements PixelFilter {

    public static final double MAX_SIGMA = 150;

    public Blur {
        Checks.inRange("blur", sigma, 0.3, MAX_SIGMA);
    }

    @Override
    public String canonical() {
        return "blur(" + Checks.format(sigma) + ")";
    }
}

package dev.pictor.edit;

/**
 * Round the corners with elliptic radii {@code a} (horizontal) and {@code b} (vertical): outside them the image
 * becomes {@code color}, or transparent when {@code transparent} (Thumbor's round_corner).
 */
public record RoundCorner(int a, int b, Color color, boolean transparent) implements PixelFilter {

    public RoundCorner {
        Checks.inRange("round_corner radius", a, 0, 10_000);
        Checks.inRange("round_corner radius", b, 0, 10_000);
    }

    @Override
    public String canonical() {
        return "round_corner(" + a + "," + b + "," + color.canonical() + (transparent ? ",transparent" : "") + ")";
    }
}

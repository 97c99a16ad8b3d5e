package dev.pictor.edit;

/**
 * Which part of an image a crop keeps: a horizontal and vertical anchor, or the most interesting part when smart.
 * Fractions: 0 is the left/top edge, 0.5 the centre, 1 the right/bottom edge.
 */
public record Gravity(double x, double y, boolean smart) {

    public static final Gravity CENTER = new Gravity(0.5, 0.5, false);
    public static final Gravity SMART = new Gravity(0.5, 0.5, true);

    public Gravity {
        Checks.inRange("gravity x", x, 0, 1);
        Checks.inRange("gravity y", y, 0, 1);
    }

    public String canonical() {
        return smart ? "smart" : Checks.format(x) + "," + Checks.format(y);
    }
}

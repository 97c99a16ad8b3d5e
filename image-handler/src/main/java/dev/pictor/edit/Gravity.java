package dev.pictor.edit;

/**
 * Which part of an image a crop keeps: a horizontal and vertical anchor (fractions: 0 the left/top edge, 0.5 the
 * centre, 1 the right/bottom edge), the most interesting part when {@code smart}, or, when {@code focal}, the window
 * centred as nearly as it can be on the point (x, y) in pixels of the image being cropped.
 */
public record Gravity(double x, double y, boolean smart, boolean focal) {

    public static final Gravity CENTER = new Gravity(0.5, 0.5, false);
    public static final Gravity SMART = new Gravity(0.5, 0.5, true);

    public Gravity {
        if (focal) {
            Checks.inRange("focal x", x, 0, 1_000_000);
            Checks.inRange("focal y", y, 0, 1_000_000);
        } else {
            Checks.inRange("gravity x", x, 0, 1);
            Checks.inRange("gravity y", y, 0, 1);
        }
    }

    public Gravity(double x, double y, boolean smart) {
        this(x, y, smart, false);
    }

    public static Gravity focus(double x, double y) {
        return new Gravity(x, y, false, true);
    }

    public String canonical() {
        return smart ? "smart" : focal ? "focus(" + Checks.format(x) + "," + Checks.format(y) + ")"
                : Checks.format(x) + "," + Checks.format(y);
    }
}

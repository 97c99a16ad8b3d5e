package dev.pictor.edit;

/**
 * Turn clockwise by any angle. Multiples of 90 are exact pixel moves; other angles enlarge the canvas to hold the
 * whole image and fill the corners with the output background.
 */
public record Rotate(double degrees) implements Edit {

    public Rotate {
        Checks.inRange("rotate", degrees, -360, 360);
        degrees = ((degrees % 360) + 360) % 360;
    }

    public boolean rightAngle() {
        return degrees % 90 == 0;
    }

    @Override
    public String canonical() {
        return "rotate(" + Checks.format(degrees) + ")";
    }
}

package dev.pictor.edit;

import dev.pictor.error.ImageException;

/** Range checks whose failure message names the parameter and the range it accepts. */
public final class Checks {

    private Checks() {
    }

    public static int inRange(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw ImageException.invalidParameter(
                    parameter + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static double inRange(String parameter, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw ImageException.invalidParameter(
                    parameter + " must be between " + format(min) + " and " + format(max) + ", got " + format(value));
        }
        return value;
    }

    /** Shortest text for a number: 5 rather than 5.0, so canonical forms and messages read like the URL. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}

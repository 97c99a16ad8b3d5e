package dev.pictor.request;

import dev.pictor.edit.Extent;
import dev.pictor.error.ImageException;
import java.util.Locale;
import java.util.Optional;

/**
 * The values every dialect reads the same way (numbers, flags, sizes), each failure naming the parameter. A dialect
 * keeps only what is its own: Thumbor's {@code orig}, SIH JSON's null.
 */
public final class Values {

    private Values() {
    }

    static int integer(String parameter, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ImageException.invalidParameter(parameter + " must be a whole number, got '" + text + "'");
        }
    }

    static double decimal(String parameter, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            // As Thumbor's DecimalNumber: 1.5, 1. and .5 alike.
            if (Double.isFinite(value) && text.trim().matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw ImageException.invalidParameter(parameter + " must be a number, got '" + text + "'");
    }

    /** A flag in a URL: present without a value, or {@link #flag(String)}. */
    static boolean flag(String parameter, String text) {
        return text.isBlank() ? true : flag(text).orElseThrow(() -> ImageException.invalidParameter(parameter
                + " must be true or false, got '" + text + "'"));
    }

    /** true/1/yes or false/0/no, any case; the same words in URLs and in settings. */
    public static Optional<Boolean> flag(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Optional.of(true);
            case "false", "0", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * A requested width or height, at most {@code max} pixels; 0 keeps the aspect ratio where the dialect says so
     * (Thumbor, the query style), and is an error where it does not (sharp).
     */
    static Extent extent(String parameter, long value, int max, boolean zeroIsAuto) {
        if (value == 0 && zeroIsAuto) {
            return Extent.AUTO;
        }
        if (value < 1 || value > max) {
            throw ImageException.invalidParameter(parameter + " must be " + (zeroIsAuto ? "0 (auto) or " : "")
                    + "1 to " + max + " pixels, got " + value);
        }
        return Extent.pixels((int) value);
    }
}

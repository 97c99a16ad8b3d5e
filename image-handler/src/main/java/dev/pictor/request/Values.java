package dev.pictor.request;

import dev.pictor.error.ImageException;
import java.util.Locale;

/** Number and flag parsing for URL values, each failure naming the parameter. */
final class Values {

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
            if (Double.isFinite(value) && text.trim().matches("[-+]?[0-9]*\\.?[0-9]+")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw ImageException.invalidParameter(parameter + " must be a number, got '" + text + "'");
    }

    /** A flag: present without value, true/1/yes, or false/0/no. */
    static boolean flag(String parameter, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ImageException.invalidParameter(parameter + " must be true or false, got '" + text + "'");
        };
    }
}

package dev.pictor.edit;

import dev.pictor.error.ImageException;
import java.util.Locale;

/** An sRGB colour with alpha, 0..255 a channel. */
public record Color(int red, int green, int blue, int alpha) {

    public static final Color WHITE = new Color(255, 255, 255, 255);
    public static final Color BLACK = new Color(0, 0, 0, 255);
    public static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    public Color {
        Checks.inRange("red", red, 0, 255);
        Checks.inRange("green", green, 0, 255);
        Checks.inRange("blue", blue, 0, 255);
        Checks.inRange("alpha", alpha, 0, 255);
    }

    /**
     * Reads a colour as URLs write it: a CSS name, or hex digits with or without '#': RGB, RGBA, RRGGBB or RRGGBBAA.
     */
    public static Color parse(String parameter, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Color named = value.equals("transparent") ? TRANSPARENT : CssColors.BY_NAME.get(value);
        if (named != null) {
            return named;
        }
        String hex = value.startsWith("#") ? value.substring(1) : value;
        if (!hex.matches("[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8}")) {
            throw ImageException.invalidParameter(parameter + " must be a colour name or hex RGB/RRGGBB[AA], got '"
                    + text + "'");
        }
        if (hex.length() <= 4) {
            StringBuilder doubled = new StringBuilder();
            for (char c : hex.toCharArray()) {
                doubled.append(c).append(c);
            }
            hex = doubled.toString();
        }
        int r = Integer.parseInt(hex, 0, 2, 16);
        int g = Integer.parseInt(hex, 2, 4, 16);
        int b = Integer.parseInt(hex, 4, 6, 16);
        int a = hex.length() == 8 ? Integer.parseInt(hex, 6, 8, 16) : 255;
        return new Color(r, g, b, a);
    }

    public boolean opaque() {
        return alpha == 255;
    }

    public int argb() {
        return alpha << 24 | red << 16 | green << 8 | blue;
    }

    public String canonical() {
        return String.format(Locale.ROOT, "%02x%02x%02x%02x", red, green, blue, alpha);
    }
}

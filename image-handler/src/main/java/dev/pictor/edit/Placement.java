package dev.pictor.edit;

import dev.pictor.error.ImageException;
import java.util.Locale;

/**
 * Where a watermark goes along one axis, with Thumbor's rules: pixels from the near edge, or from the far edge when
 * negative; a percentage of the image's size ({@code 30p}); {@code center}; or {@code repeat} to tile.
 */
public record Placement(Kind kind, double value) {

    /**
     * PERCENT is Thumbor's share of the image's size, rounded; SHARE_OF_IMAGE the Serverless Image Handler's, floored
     * (both: negative from the far edge, less the mark).
     */
    public enum Kind { PIXELS, PERCENT, SHARE_OF_IMAGE, CENTER, REPEAT }

    public static final Placement CENTER = new Placement(Kind.CENTER, 0);

    public Placement {
        if (kind == Kind.PERCENT || kind == Kind.SHARE_OF_IMAGE) {
            Checks.inRange("watermark position percent", value, -100, 100);
        }
    }

    /** Thumbor's watermark offsets (and WATERMARK_POSITION). */
    public static Placement parse(String parameter, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (value) {
                case "center" -> CENTER;
                case "repeat" -> new Placement(Kind.REPEAT, 0);
                // "-0" is the far edge, as Thumbor reads the sign: kept as a negative zero.
                default -> value.endsWith("p")
                        ? new Placement(Kind.PERCENT, signed(value, Integer.parseInt(value.substring(0,
                                value.length() - 1))))
                        : new Placement(Kind.PIXELS, signed(value, Integer.parseInt(value)));
            };
        } catch (NumberFormatException e) {
            throw ImageException.invalidParameter(parameter
                    + " must be pixels (negative from the far edge), a percentage like 20p, center or repeat, got '"
                    + text + "'");
        }
    }

    private static double signed(String text, int number) {
        return number == 0 && text.startsWith("-") ? -0.0 : number;
    }

    /**
     * The Serverless Image Handler's overlay offsets (its {@code overlayWith} options, and the Thumbor watermark's
     * bucket form): pixels, negative from the far edge, or a share of the image's own size ({@code 10p}).
     */
    public static Placement sih(String parameter, String text) {
        String value = text.trim();
        try {
            return value.endsWith("p")
                    ? new Placement(Kind.SHARE_OF_IMAGE, Integer.parseInt(value.substring(0, value.length() - 1)))
                    : new Placement(Kind.PIXELS, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw ImageException.invalidParameter(parameter + " must be pixels (negative from the far edge) or a"
                    + " percentage of the image like 10p, got '" + text + "'");
        }
    }

    /**
     * The offset of a mark of size {@code mark} in an image of size {@code image} (for {@link Kind#REPEAT}, where
     * the first tile starts).
     */
    public int offset(int image, int mark) {
        int free = image - mark;
        return switch (kind) {
            case CENTER -> free / 2;
            case REPEAT -> 0;
            // Thumbor: N% of the image's size as pixels, from the far edge (less the mark) when negative.
            case PERCENT -> {
                long share = Math.round(image * Math.abs(value) / 100 + 1e-5);
                yield (int) (value >= 0 && !isNegativeZero() ? share : free - share);
            }
            case SHARE_OF_IMAGE -> (int) Math.floor(value >= 0 ? image * value / 100 : free + image * value / 100);
            case PIXELS -> (int) (value >= 0 && !isNegativeZero() ? value : free + value);
        };
    }

    private boolean isNegativeZero() {
        return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0);
    }

    public String canonical() {
        return switch (kind) {
            case CENTER -> "center";
            case REPEAT -> "repeat";
            case PERCENT -> (isNegativeZero() ? "-0" : Checks.format(value)) + "p";
            case SHARE_OF_IMAGE -> Checks.format(value) + "%";
            case PIXELS -> isNegativeZero() ? "-0" : Checks.format(value);
        };
    }
}

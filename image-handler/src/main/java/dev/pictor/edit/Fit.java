package dev.pictor.edit;

import dev.pictor.error.ImageException;
import java.util.Locale;

/** How an image meets a box of both width and height; the names and meanings are sharp's. */
public enum Fit {
    /** Cover the box, keeping the aspect ratio, then crop to it exactly. */
    COVER,
    /** Fit inside the box, keeping the aspect ratio, then pad to it exactly with the background. */
    CONTAIN,
    /** Stretch to the box, ignoring the aspect ratio. */
    FILL,
    /** Fit inside the box, keeping the aspect ratio; the result can be smaller on one side. */
    INSIDE,
    /** Cover the box, keeping the aspect ratio; the result can be larger on one side. */
    OUTSIDE;

    public static Fit parse(String parameter, String text) {
        for (Fit fit : values()) {
            if (fit.name().equalsIgnoreCase(text)) {
                return fit;
            }
        }
        throw ImageException.invalidParameter(
                parameter + " must be one of cover, contain, fill, inside, outside, got '" + text + "'");
    }

    public String canonical() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.pictor.edit;

import dev.pictor.error.ImageException;
import java.util.Locale;

/** The image formats the service knows by name, with their media types. */
public enum ImageFormat {
    JPEG("image/jpeg", false, "jpg", "jpeg"),
    PNG("image/png", true, "png"),
    WEBP("image/webp", true, "webp"),
    GIF("image/gif", true, "gif"),
    AVIF("image/avif", true, "avif"),
    TIFF("image/tiff", true, "tiff", "tif"),
    BMP("image/bmp", false, "bmp"),
    HEIF("image/heif", true, "heic", "heif"),
    /** A source only: vectors are rasterised to be edited, and served as stored otherwise. */
    SVG("image/svg+xml", true, "svg");

    private final String mediaType;
    private final boolean alpha;
    private final String[] names;

    ImageFormat(String mediaType, boolean alpha, String... names) {
        this.mediaType = mediaType;
        this.alpha = alpha;
        this.names = names;
    }

    /** Whether a URL can ask for this format as an output. */
    public boolean isOutput() {
        return this != SVG;
    }

    /** A format named in a URL; only the formats an output can be asked for. */
    public static ImageFormat parseOutput(String parameter, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            for (String name : format.names) {
                if (name.equals(value) && format.isOutput()) {
                    return format;
                }
            }
        }
        throw ImageException.invalidParameter(
                parameter + " must be one of jpg, jpeg, png, webp, avif, gif, tiff, bmp, heic, got '" + text + "'");
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the format can carry transparency. */
    public boolean hasAlpha() {
        return alpha;
    }

    public String extension() {
        return names[0];
    }
}

package dev.pictor.edit;

import java.util.Optional;

/**
 * How the image is written. Empty fields mean the defaults: the source's format (or the nearest one we can write), the
 * configured quality, white behind transparency when the format has no alpha. {@code autoJpg}: an opaque source as
 * JPEG unless a format is named (Thumbor's autojpg). {@code maxBytes}: lower the quality until the result fits
 * (Thumbor's max_bytes). {@code firstFrame}: only the first frame of an animation (Thumbor's cover, sharp's
 * animated: false).
 */
public record Encoding(Optional<ImageFormat> format, Optional<Integer> quality, Optional<Color> background,
                       boolean autoJpg, Optional<Integer> maxBytes, boolean firstFrame) {

    public static final Encoding DEFAULT = new Encoding(Optional.empty(), Optional.empty(), Optional.empty(), false,
            Optional.empty(), false);

    public Encoding {
        quality.ifPresent(q -> Checks.inRange("quality", q, 1, 100));
        maxBytes.ifPresent(b -> Checks.inRange("max_bytes", b, 100, 100_000_000));
    }
}

package dev.pictor.edit;

import java.util.Optional;

/**
 * How the result is written. Empty fields mean the defaults: the source's format (or the nearest one we can write),
 * the configured quality, white behind transparency when the format has no alpha.
 * {@code autoJpg}: write an opaque source as JPEG unless a format is named (Thumbor's autojpg). {@code maxAge}: the
 * Cache-Control max-age of the answer, in seconds.
 */
public record Output(Optional<ImageFormat> format, Optional<Integer> quality, Optional<Color> background,
                     boolean autoJpg, Optional<Integer> maxAge) {

    public static final Output DEFAULT = new Output(Optional.empty(), Optional.empty(), Optional.empty(), false,
            Optional.empty());

    public Output {
        quality.ifPresent(q -> Checks.inRange("quality", q, 1, 100));
        maxAge.ifPresent(a -> Checks.inRange("max_age", a, 0, 31_536_000));
    }

    public Output withFormat(ImageFormat value) {
        return new Output(Optional.of(value), quality, background, autoJpg, maxAge);
    }

    public Output withQuality(int value) {
        return new Output(format, Optional.of(value), background, autoJpg, maxAge);
    }

    public Output withBackground(Color value) {
        return new Output(format, quality, Optional.of(value), autoJpg, maxAge);
    }

    public Output withAutoJpg() {
        return new Output(format, quality, background, true, maxAge);
    }

    /** How long the result may be cached, in seconds, in place of the configured CACHE_MAX_AGE (Thumbor's max_age). */
    public Output withMaxAge(int seconds) {
        return new Output(format, quality, background, autoJpg, Optional.of(seconds));
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    public String canonical() {
        StringBuilder text = new StringBuilder();
        format.ifPresent(f -> text.append("format=").append(f.extension()).append(';'));
        quality.ifPresent(q -> text.append("quality=").append(q).append(';'));
        background.ifPresent(c -> text.append("background=").append(c.canonical()).append(';'));
        if (autoJpg) {
            text.append("autojpg;");
        }
        maxAge.ifPresent(a -> text.append("max_age=").append(a).append(';'));
        return text.toString();
    }
}

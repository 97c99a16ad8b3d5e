package dev.pictor.edit;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the result is written. Empty fields mean the defaults: the source's format (or the nearest one we can write),
 * the configured quality, white behind transparency when the format has no alpha.
 * {@code autoJpg}: write an opaque source as JPEG unless a format is named (Thumbor's autojpg). {@code maxAge}: the
 * Cache-Control max-age of the answer, in seconds. {@code maxBytes}: lower the quality until the result fits
 * (Thumbor's max_bytes). {@code meta}: answer with a JSON description instead of the image (Thumbor's meta).
 * {@code firstFrame}: only the first frame of an animation (Thumbor's cover, sharp's animated: false).
 * {@code callback}: with meta, the JavaScript function the JSON is passed to (Thumbor's JSONP). {@code headers}:
 * response headers the request asks for (the Serverless Image Handler's {@code headers} field), keyed in lower case.
 */
public record Output(Optional<ImageFormat> format, Optional<Integer> quality, Optional<Color> background,
                     boolean autoJpg, Optional<Integer> maxAge, Optional<Integer> maxBytes, boolean meta,
                     boolean firstFrame, Optional<String> callback, Map<String, String> headers) {

    public static final Output DEFAULT = new Output(Optional.empty(), Optional.empty(), Optional.empty(), false,
            Optional.empty(), Optional.empty(), false, false, Optional.empty(), Map.of());

    public Output {
        quality.ifPresent(q -> Checks.inRange("quality", q, 1, 100));
        maxAge.ifPresent(a -> Checks.inRange("max_age", a, 0, 31_536_000));
        maxBytes.ifPresent(b -> Checks.inRange("max_bytes", b, 100, 100_000_000));
        headers = Map.copyOf(headers);
        callback.ifPresent(name -> {
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]{0,63}(\\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,3}")) {
                throw dev.pictor.error.ImageException.invalidParameter(
                        "callback must be a JavaScript function name like fn or app.fn, got '" + name + "'");
            }
        });
    }

    public Output withFormat(ImageFormat value) {
        return new Output(Optional.of(value), quality, background, autoJpg, maxAge,
                maxBytes, meta, firstFrame, callback, headers);
    }

    public Output withQuality(int value) {
        return new Output(format, Optional.of(value), background, autoJpg, maxAge,
                maxBytes, meta, firstFrame, callback, headers);
    }

    public Output withBackground(Color value) {
        return new Output(format, quality, Optional.of(value), autoJpg, maxAge,
                maxBytes, meta, firstFrame, callback, headers);
    }

    public Output withAutoJpg() {
        return new Output(format, quality, background, true, maxAge,
                maxBytes, meta, firstFrame, callback, headers);
    }

    /** How long the result may be cached, in seconds, in place of the configured CACHE_MAX_AGE (Thumbor's max_age). */
    public Output withMaxAge(int seconds) {
        return new Output(format, quality, background, autoJpg, Optional.of(seconds),
                maxBytes, meta, firstFrame, callback, headers);
    }

    public Output withMaxBytes(int bytes) {
        return new Output(format, quality, background, autoJpg, maxAge,
                Optional.of(bytes), meta, firstFrame, callback, headers);
    }

    public Output withMeta() {
        return new Output(format, quality, background, autoJpg, maxAge,
                maxBytes, true, firstFrame, callback, headers);
    }

    public Output withFirstFrame(boolean value) {
        return new Output(format, quality, background, autoJpg, maxAge,
                maxBytes, meta, value, callback, headers);
    }

    /** Thumbor's meta as JSONP: the JSON passed to this function. */
    public Output withCallback(String name) {
        return new Output(format, quality, background, autoJpg, maxAge,
                maxBytes, meta, firstFrame, Optional.of(name), headers);
    }

    /** Response headers by lower-case name, in place of any set before. */
    public Output withHeaders(Map<String, String> value) {
        return new Output(format, quality, background, autoJpg, maxAge,
                maxBytes, meta, firstFrame, callback, value);
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
        maxBytes.ifPresent(b -> text.append("max_bytes=").append(b).append(';'));
        if (meta) {
            text.append("meta;");
        }
        if (firstFrame) {
            text.append("first_frame;");
        }
        callback.ifPresent(c -> text.append("callback=").append(c).append(';'));
        new TreeMap<>(headers).forEach((name, value) -> text.append("header:").append(name).append('=').append(value)
                .append(';'));
        return text.toString();
    }
}

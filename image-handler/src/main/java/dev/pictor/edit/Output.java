package dev.pictor.edit;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a request asks of its answer besides the edits: how the image is written, and how the answer is delivered. */
public record Output(Encoding encoding, Delivery delivery) {

    public static final Output DEFAULT = new Output(Encoding.DEFAULT, Delivery.DEFAULT);

    public Output withFormat(ImageFormat value) {
        Encoding e = encoding;
        return with(new Encoding(Optional.of(value), e.quality(), e.background(), e.autoJpg(), e.maxBytes(),
                e.firstFrame()));
    }

    public Output withQuality(int value) {
        Encoding e = encoding;
        return with(new Encoding(e.format(), Optional.of(value), e.background(), e.autoJpg(), e.maxBytes(),
                e.firstFrame()));
    }

    public Output withBackground(Color value) {
        Encoding e = encoding;
        return with(new Encoding(e.format(), e.quality(), Optional.of(value), e.autoJpg(), e.maxBytes(),
                e.firstFrame()));
    }

    public Output withAutoJpg() {
        Encoding e = encoding;
        return with(new Encoding(e.format(), e.quality(), e.background(), true, e.maxBytes(), e.firstFrame()));
    }

    public Output withMaxBytes(int bytes) {
        Encoding e = encoding;
        return with(new Encoding(e.format(), e.quality(), e.background(), e.autoJpg(), Optional.of(bytes),
                e.firstFrame()));
    }

    public Output withFirstFrame(boolean value) {
        Encoding e = encoding;
        return with(new Encoding(e.format(), e.quality(), e.background(), e.autoJpg(), e.maxBytes(), value));
    }

    /** How long the result may be cached, in seconds, in place of the configured CACHE_MAX_AGE (Thumbor's max_age). */
    public Output withMaxAge(int seconds) {
        Delivery d = delivery;
        return with(new Delivery(Optional.of(seconds), d.meta(), d.callback(), d.headers()));
    }

    public Output withMeta() {
        Delivery d = delivery;
        return with(new Delivery(d.maxAge(), true, d.callback(), d.headers()));
    }

    /** Thumbor's meta as JSONP: the JSON passed to this function. */
    public Output withCallback(String name) {
        Delivery d = delivery;
        return with(new Delivery(d.maxAge(), d.meta(), Optional.of(name), d.headers()));
    }

    /** Response headers by lower-case name, in place of any set before. */
    public Output withHeaders(Map<String, String> value) {
        Delivery d = delivery;
        return with(new Delivery(d.maxAge(), d.meta(), d.callback(), value));
    }

    private Output with(Encoding value) {
        return new Output(value, delivery);
    }

    private Output with(Delivery value) {
        return new Output(encoding, value);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** A stable text of both parts, for cache keys and ETags. */
    public String canonical() {
        StringBuilder text = new StringBuilder();
        Encoding e = encoding;
        Delivery d = delivery;
        e.format().ifPresent(f -> text.append("format=").append(f.extension()).append(';'));
        e.quality().ifPresent(q -> text.append("quality=").append(q).append(';'));
        e.background().ifPresent(c -> text.append("background=").append(c.canonical()).append(';'));
        if (e.autoJpg()) {
            text.append("autojpg;");
        }
        d.maxAge().ifPresent(a -> text.append("max_age=").append(a).append(';'));
        e.maxBytes().ifPresent(b -> text.append("max_bytes=").append(b).append(';'));
        if (d.meta()) {
            text.append("meta;");
        }
        if (e.firstFrame()) {
            text.append("first_frame;");
        }
        d.callback().ifPresent(c -> text.append("callback=").append(c).append(';'));
        new TreeMap<>(d.headers()).forEach((name, value) -> text.append("header:").append(name).append('=')
                .append(value).append(';'));
        return text.toString();
    }
}

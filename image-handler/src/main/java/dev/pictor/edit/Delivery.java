package dev.pictor.edit;

import java.util.Map;
import java.util.Optional;

/**
 * How the answer is delivered, whatever the pixels. {@code maxAge}: the Cache-Control max-age in seconds, in place of
 * CACHE_MAX_AGE (Thumbor's max_age). {@code meta}: a JSON description instead of the image (Thumbor's meta), passed
 * to {@code callback} when one is named (JSONP). {@code headers}: response headers the request asks for (the
 * Serverless Image Handler's {@code headers} field), keyed in lower case.
 */
public record Delivery(Optional<Integer> maxAge, boolean meta, Optional<String> callback,
                       Map<String, String> headers) {

    public static final Delivery DEFAULT = new Delivery(Optional.empty(), false, Optional.empty(), Map.of());

    public Delivery {
        maxAge.ifPresent(a -> Checks.inRange("max_age", a, 0, 31_536_000));
        headers = Map.copyOf(headers);
        callback.ifPresent(name -> {
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]{0,63}(\\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,3}")) {
                throw dev.pictor.error.ImageException.invalidParameter(
                        "callback must be a JavaScript function name like fn or app.fn, got '" + name + "'");
            }
        });
    }
}

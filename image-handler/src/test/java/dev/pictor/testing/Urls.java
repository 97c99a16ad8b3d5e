package dev.pictor.testing;

import dev.pictor.http.HttpRequest;
import java.util.Map;

/** Requests from the URLs the test tables hold: a path with its query, as a browser sends them. */
public final class Urls {

    private Urls() {
    }

    public static HttpRequest get(String url) {
        return get(url, Map.of());
    }

    public static HttpRequest get(String url, Map<String, String> headers) {
        int q = url.indexOf('?');
        return new HttpRequest("GET", q < 0 ? url : url.substring(0, q), q < 0 ? "" : url.substring(q + 1), headers);
    }
}

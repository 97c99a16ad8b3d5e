package dev.pictor.testing;

import dev.pictor.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    /**
     * A Serverless Image Handler URL: the JSON base64-encoded as the path, then any query written after it. A
     * {@code -url-safe:} prefix asks for the URL-safe alphabet without padding.
     */
    public static String sih(String request) {
        boolean urlSafe = request.startsWith("-url-safe:");
        String json = urlSafe ? request.substring("-url-safe:".length()) : request;
        int end = json.lastIndexOf('}') + 1;
        String query = end > 0 ? json.substring(end) : "";
        byte[] bytes = (end > 0 ? json.substring(0, end) : json).getBytes(StandardCharsets.UTF_8);
        String path = urlSafe ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                : Base64.getEncoder().encodeToString(bytes);
        return "/" + path + query;
    }
}

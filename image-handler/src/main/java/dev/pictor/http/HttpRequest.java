package dev.pictor.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as both adapters hand it over: method, the raw (still percent-encoded) path and query, headers looked up
 * without regard to case, and the body (empty for GET and HEAD).
 */
public record HttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {

    public HttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers) {
        this(method, rawPath, rawQuery, headers, new byte[0]);
    }

    public HttpRequest {
        body = body == null ? new byte[0] : body;
        method = method.toUpperCase(Locale.ROOT);
        rawQuery = rawQuery == null ? "" : rawQuery;
        TreeMap<String, String> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        folded.putAll(headers);
        headers = folded;
    }

    public static HttpRequest get(String rawPath, String rawQuery) {
        return new HttpRequest("GET", rawPath, rawQuery, Map.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}

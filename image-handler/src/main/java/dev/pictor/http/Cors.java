package dev.pictor.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Cross-origin access, when configured: every answer (errors too, so pages can read them) names the allowed
 * origin, and preflight OPTIONS requests are answered here.
 */
public record Cors(boolean enabled, String origin) {

    /** The image URLs' preflight answer. */
    HttpResponse preflight() {
        return preflight("GET, HEAD, OPTIONS");
    }

    public HttpResponse preflight(String methods) {
        return new HttpResponse(204, Map.of(
                "Access-Control-Allow-Methods", methods,
                "Access-Control-Allow-Headers", "Content-Type, If-None-Match, Accept",
                "Access-Control-Max-Age", "86400"), new byte[0]);
    }

    public HttpResponse decorate(HttpRequest request, HttpResponse response) {
        if (!enabled) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Expose-Headers", "ETag, Content-Length, Last-Modified");
        if (!origin.equals("*")) {
            headers.merge("Vary", "Origin", (a, b) -> a + ", " + b);
        }
        return new HttpResponse(response.status(), headers, response.body());
    }
}

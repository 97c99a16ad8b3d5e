package dev.pictor.http;

import java.util.Map;

/** A response for either adapter to send: status, headers (Content-Type among them) and body. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "application/octet-stream");
    }
}

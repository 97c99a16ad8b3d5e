package dev.pictor.http;

import dev.pictor.telemetry.AccessLog;
import java.util.Map;

/** A response for either adapter to send: status, headers (Content-Type among them) and body. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "application/octet-stream");
    }

    /** The same answer with one header set (replacing one of the same name). */
    public HttpResponse withHeader(String name, String value) {
        java.util.Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, more, body);
    }

    /** The answer to a HEAD: the headers of the GET, with the length its body would have, and no body. */
    public HttpResponse withoutBody() {
        return withHeader("Content-Length", Integer.toString(body.length)).withBody(new byte[0]);
    }

    /** What the access line reports of this answer. */
    public AccessLog.Answer logged() {
        String length = headers.get("Content-Length");
        return new AccessLog.Answer(status, body.length == 0 && length != null ? Long.parseLong(length) : body.length,
                contentType());
    }

    private HttpResponse withBody(byte[] replacement) {
        return new HttpResponse(status, headers, replacement);
    }
}

package dev.pictor.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pictor.error.ImageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The one place an exception becomes a response: its status, and {@code {"status","code","message"}}. */
public final class ErrorResponses {

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorResponses() {
    }

    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    /** A bug: the cause goes to the log under a request id, and only the id to the caller. */
    public static HttpResponse internal(Throwable cause) {
        String id = dev.pictor.telemetry.Trace.current().map(dev.pictor.telemetry.Trace::id)
                .orElseGet(() -> java.util.UUID.randomUUID().toString());
        LOG.log(System.Logger.Level.ERROR, "request " + id + " failed", cause);
        return of(ImageException.internal("internal error; request id " + id, cause), 0);
    }

    public static HttpResponse of(ImageException error, long maxAge) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeNumberField("status", error.status());
            json.writeStringField("code", error.code());
            json.writeStringField("message", error.getMessage());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HttpResponse(error.status(), Map.of(
                "Content-Type", "application/json",
                "Cache-Control", "public, max-age=" + maxAge), body.toByteArray());
    }
}

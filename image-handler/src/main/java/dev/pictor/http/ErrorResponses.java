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

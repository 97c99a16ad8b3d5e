package dev.pictor.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pictor.edit.Edit;
import dev.pictor.engine.Rendered;
import dev.pictor.plan.Plan;
import dev.pictor.plan.SourceInfo;
import dev.pictor.plan.Step;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Thumbor's {@code /meta/} answer: the source, the operations that would make the image, in source pixels, and the
 * target, as JSON in Thumbor's shape ({@code {"thumbor": {"source", "operations", "target"}}}) with our own
 * operation names where Thumbor has none.
 */
final class MetaResponse {

    private static final JsonFactory JSON = new JsonFactory();

    private MetaResponse() {
    }

    /** @param chosen the windows the render's pixel-chosen steps chose, in order (empty when it did not render) */
    static byte[] describe(String url, SourceInfo source, Plan plan, int targetWidth, int targetHeight,
                           List<Rendered.Window> chosen) {
        Iterator<Rendered.Window> windows = chosen.iterator();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeObjectFieldStart("thumbor");
            json.writeObjectFieldStart("source");
            json.writeStringField("url", url);
            json.writeNumberField("width", source.uprightWidth());
            json.writeNumberField("height", source.uprightHeight());
            json.writeNumberField("frameCount", source.frames());
            json.writeStringField("format", source.format().name().toLowerCase(Locale.ROOT));
            json.writeEndObject();
            json.writeArrayFieldStart("operations");
            for (Step step : plan.steps()) {
                operation(json, step, windows);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("target");
            json.writeNumberField("width", targetWidth);
            json.writeNumberField("height", targetHeight);
            json.writeStringField("format", plan.format().name().toLowerCase(Locale.ROOT));
            json.writeNumberField("quality", plan.quality());
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    private static void operation(JsonGenerator json, Step step, Iterator<Rendered.Window> windows)
            throws IOException {
        json.writeStartObject();
        switch (step) {
            case Step.Orient o -> {
                json.writeStringField("type", "orient");
                json.writeNumberField("orientation", o.orientation());
            }
            case Step.Region r -> {
                json.writeStringField("type", "crop");
                json.writeNumberField("left", r.x());
                json.writeNumberField("top", r.y());
                json.writeNumberField("right", r.x() + r.width());
                json.writeNumberField("bottom", r.y() + r.height());
            }
            case Step.SmartRegion s -> {
                size(json, "smart_crop", s.width(), s.height());
                window(json, windows);
            }
            case Step.Scale s -> size(json, "resize", s.width(), s.height());
            case Step.Embed e -> {
                size(json, "fill", e.width(), e.height());
                json.writeNumberField("left", e.x());
                json.writeNumberField("top", e.y());
                json.writeStringField("background", e.backdrop().canonical());
            }
            case Step.Mirror m ->
                    json.writeStringField("type", m.horizontal() ? "flip_horizontally" : "flip_vertically");
            case Step.Turn t -> {
                json.writeStringField("type", "rotate");
                if (t.degrees() == Math.rint(t.degrees())) {
                    json.writeNumberField("degrees", (long) t.degrees());
                } else {
                    json.writeNumberField("degrees", t.degrees());
                }
            }
            case Step.TrimBorder t -> json.writeStringField("type", "trim");
            case Step.Subject s -> {
                json.writeStringField("type", s.face().isPresent() ? "face_crop" : "subject_crop");
                if (s.face().isPresent()) {
                    json.writeNumberField("face", s.face().getAsInt());
                }
                json.writeNumberField("padding", s.padding());
                window(json, windows);
            }
            case Step.Transform t -> size(json, "affine", t.width(), t.height());
            case Step.Moderate m -> {
                json.writeStringField("type", "content_moderation");
                json.writeNumberField("min_confidence", m.moderation().minConfidence());
            }
            case Step.Framed f -> {
                json.writeStringField("type", "frame");
                json.writeStringField("image", f.frame().key());
            }
            case Step.Deferred d -> {
                json.writeStringField("type", "then");
                json.writeArrayFieldStart("edits");
                for (Edit edit : d.edits()) {
                    json.writeString(edit.canonical());
                }
                json.writeEndArray();
            }
            case Step.Filter f -> {
                json.writeStringField("type", "filter");
                json.writeStringField("filter", f.filter().canonical());
            }
            case Step.Overlay o -> {
                json.writeStringField("type", "watermark");
                json.writeStringField("image", o.watermark().sourceId());
            }
        }
        json.writeEndObject();
    }

    /** The window a step chose, in the pixels of its input (after the resize before it, if any). */
    private static void window(JsonGenerator json, Iterator<Rendered.Window> windows) throws IOException {
        if (windows.hasNext()) {
            Rendered.Window window = windows.next();
            json.writeNumberField("left", window.left());
            json.writeNumberField("top", window.top());
            json.writeNumberField("right", window.right());
            json.writeNumberField("bottom", window.bottom());
        }
    }

    private static void size(JsonGenerator json, String type, int width, int height) throws IOException {
        json.writeStringField("type", type.toLowerCase(Locale.ROOT));
        json.writeNumberField("width", width);
        json.writeNumberField("height", height);
    }
}

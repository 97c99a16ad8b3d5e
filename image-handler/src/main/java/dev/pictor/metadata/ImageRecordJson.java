package dev.pictor.metadata;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A record as JSON: what {@code GET /info/{id}} answers and what the local store keeps. Unknown values are left
 * out rather than written as null or 0.
 */
public final class ImageRecordJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ImageRecordJson() {
    }

    /** @param urls the public URL of a variant's key, when the answer should carry them */
    public static ObjectNode toJson(ImageRecord record, Optional<Function<String, String>> urls) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", record.id());
        node.put("bucket", record.bucket());
        node.put("key", record.key());
        node.put("status", record.status().label());
        record.failure().ifPresent(reason -> node.put("failure", reason));
        if (record.width() > 0) {
            node.put("width", record.width());
            node.put("height", record.height());
        }
        record.format().ifPresent(format -> node.put("format", format));
        node.put("bytes", record.bytes());
        record.captureDate().ifPresent(date -> node.put("captureDate", date));
        ArrayNode variants = node.putArray("variants");
        for (ImageRecord.VariantRecord variant : record.variants()) {
            ObjectNode v = variants.addObject();
            v.put("suffix", variant.suffix());
            v.put("key", variant.key());
            urls.ifPresent(url -> v.put("url", url.apply(variant.key())));
            v.put("width", variant.width());
            v.put("height", variant.height());
            v.put("bytes", variant.bytes());
            v.put("format", variant.format());
        }
        node.put("created", record.created().toString());
        node.put("updated", record.updated().toString());
        node.put("accessCount", record.accessCount());
        record.lastAccess().ifPresent(t -> node.put("lastAccess", t.toString()));
        record.sourceEtag().ifPresent(etag -> node.put("sourceEtag", etag));
        return node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ImageRecord parse(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            List<ImageRecord.VariantRecord> variants = new ArrayList<>();
            for (JsonNode v : n.path("variants")) {
                variants.add(new ImageRecord.VariantRecord(v.get("suffix").asText(), v.get("key").asText(),
                        v.get("width").asInt(), v.get("height").asInt(), v.get("bytes").asLong(),
                        v.get("format").asText()));
            }
            return new ImageRecord(n.get("id").asText(), n.get("bucket").asText(), n.get("key").asText(),
                    n.path("width").asInt(0), n.path("height").asInt(0), text(n, "format"), n.path("bytes").asLong(),
                    text(n, "captureDate"), ImageRecord.Status.of(n.get("status").asText()), text(n, "failure"),
                    variants, Instant.parse(n.get("created").asText()), Instant.parse(n.get("updated").asText()),
                    n.path("accessCount").asLong(0), text(n, "lastAccess").map(Instant::parse),
                    text(n, "sourceEtag"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}

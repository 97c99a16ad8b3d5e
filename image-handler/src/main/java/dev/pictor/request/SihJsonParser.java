package dev.pictor.request;

import dev.pictor.edit.Keys;
import static dev.pictor.request.JsonValues.names;
import static dev.pictor.request.JsonValues.text;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pictor.edit.EditChain;
import dev.pictor.error.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Serverless Image Handler's base64-encoded JSON requests: {@code /<base64 of {"bucket","key","edits",
 * "outputFormat"}>}. The edits are sharp's vocabulary; as in the handler, {@code resize} runs first and the rest in
 * the order written. Unlike the handler, an edit we do not know or cannot do is a 400 naming it, not ignored.
 */
final class SihJsonParser {

    private static final System.Logger LOG = System.getLogger(SihJsonParser.class.getName());
    private static final Set<String> ALLOWED_HEADERS = Set.of("cache-control", "expires", "content-language",
            "content-disposition");
    /** inline, with at most a plain file name: never an attachment (a download of a file named evil.html). */
    private static final Pattern INLINE = Pattern.compile(
            "(?i)inline(\\s*;\\s*filename=\"[A-Za-z0-9._ -]{1,100}\")?");
    private static final Pattern BASE64 = Pattern.compile("[0-9A-Za-z+/_-]{8,}={0,2}");
    /** Strict: a key given twice is an error, not the last one winning. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final SihEdits edits;

    SihJsonParser(Limits limits, boolean rekognition) {
        this.edits = new SihEdits(limits, rekognition);
    }

    /**
     * The JSON object a path encodes, when it is one: base64 (standard or URL-safe alphabet) of text that starts
     * with '{'. A path that decodes to anything else is not ours and another dialect reads it.
     */
    static Optional<ObjectNode> decode(String rawPath) {
        String text = PathText.decodePath(rawPath.substring(1));
        if (!BASE64.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            // Java's decoder takes the padding as optional; the URL-safe alphabet is mapped onto the standard one.
            bytes = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String json = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return Optional.of(object);
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw ImageException.badRequest("CannotDecodeRequest",
                "the path is base64 of text that is not a JSON object: "
                        + json.substring(0, Math.min(40, json.length())));
    }

    ImageRequest parse(ObjectNode request, Optional<Signature> signature) {
        for (String field : names(request)) {
            if (!Set.of("bucket", "key", "edits", "outputFormat", "effort", "headers").contains(field)) {
                throw ImageException.invalidParameter("unknown request field '" + field
                        + "'; known: bucket, key, edits, outputFormat, effort, headers");
            }
        }
        Optional<String> bucket = Optional.ofNullable(request.get("bucket")).filter(b -> !b.isNull())
                .map(b -> Keys.requireBucketName(text(b, "bucket")));
        JsonNode key = request.get("key");
        if (key == null || key.isNull()) {
            throw ImageException.badRequest("MissingKey", "the request names no key");
        }
        EditChain chain = edits.chain(request.get("edits"), request.get("outputFormat"));
        JsonNode requested = request.get("headers");
        if (requested != null && !requested.isNull()) {
            chain = new EditChain(chain.edits(), chain.output().withHeaders(headers(requested)));
        }
        return new ImageRequest(bucket, Keys.requireSafe(text(key, "key")), chain, signature);
    }

    /**
     * Response headers the request sets, by a strict allow list: caching ({@code Cache-Control}, {@code Expires}),
     * {@code Content-Language}, and {@code Content-Disposition} when it shows the image inline. Anything else
     * ({@code X-Accel-Redirect}, {@code X-Sendfile}, {@code Set-Cookie}, an attachment disposition) or a value that is
     * not one printable line is dropped, with a log line, and the image served, as the Serverless Image Handler drops
     * the headers its deny list names.
     */
    private static Map<String, String> headers(JsonNode node) {
        if (!node.isObject()) {
            throw ImageException.invalidParameter("headers must be an object of header names to values");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String name : names(node)) {
            String lower = name.toLowerCase(Locale.ROOT);
            JsonNode value = node.get(name);
            String text = value.isTextual() ? value.asText() : "";
            boolean allowed = ALLOWED_HEADERS.contains(lower) && !text.isEmpty() && text.length() <= 1024
                    && text.matches("[\\x20-\\x7E]*")
                    && (!lower.equals("content-disposition") || INLINE.matcher(text).matches());
            if (allowed) {
                headers.put(lower, text);
            } else {
                LOG.log(System.Logger.Level.INFO, "response header '" + name + "' of a request dropped: only "
                        + "Cache-Control, Expires, Content-Language and an inline Content-Disposition may be set");
            }
        }
        return headers;
    }
}

package dev.pictor.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pictor.config.Config;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.FormatSniffer;
import dev.pictor.engine.Rendered;
import dev.pictor.error.ImageException;
import dev.pictor.http.Cors;
import dev.pictor.http.ErrorResponses;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.metadata.ImageIds;
import dev.pictor.metadata.ImageRecord;
import dev.pictor.metadata.ImageRecordJson;
import dev.pictor.metadata.MetadataStore;
import dev.pictor.plan.SourceInfo;
import dev.pictor.render.Renderer;
import dev.pictor.request.PathText;
import dev.pictor.request.QueryParser;
import dev.pictor.source.ImageStore;
import dev.pictor.source.StoredObject;
import dev.pictor.source.UploadUrls;
import dev.pictor.telemetry.AccessLog;
import dev.pictor.telemetry.Trace;
import dev.pictor.variants.UploadProcessor;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The REST API, free of any transport (the local server mounts it under {@code /api}, API Gateway at its stage's
 * root): {@code POST /transform} answers a posted image transformed, {@code POST /upload} stores an original under
 * {@code uploads/} and makes its variants, {@code POST /upload-url} hands out a URL to upload a larger file to
 * directly, {@code GET /info/{id}} answers an image's metadata. docs/api.yaml describes each.
 *
 * <p>An upload is checked before it is stored (a file, an image, within MAX_SOURCE_BYTES and, from its header,
 * MAX_SOURCE_PIXELS), and is stored under a key no other object has: it never replaces an original.
 */
public final class ApiService {

    private static final System.Logger LOG = System.getLogger(ApiService.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    static final Duration UPLOAD_URL_VALIDITY = Duration.ofMinutes(15);
    private static final String FILE = "file";
    /** The endpoints, as docs/api.yaml lists them. */
    public static final List<String> ENDPOINTS = List.of("POST /transform", "POST /upload", "POST /upload-url",
            "GET /info/{id}");

    private final Config config;
    private final ImageStore store;
    private final Renderer renderer;
    private final UploadProcessor uploads;
    private final Optional<MetadataStore> metadata;
    private final UploadUrls uploadUrls;
    private final QueryParser query;
    private final Cors cors;
    private final Clock clock;
    private final long maxInlineBytes;

    /** @param maxInlineBytes the largest image answered in a body (Lambda: its response limit, after base64) */
    public ApiService(Config config, ImageStore store, Renderer renderer, UploadProcessor uploads,
                      Optional<MetadataStore> metadata, UploadUrls uploadUrls, Clock clock, long maxInlineBytes) {
        this.config = config;
        this.store = store;
        this.renderer = renderer;
        this.uploads = uploads;
        this.metadata = metadata;
        this.uploadUrls = uploadUrls;
        this.query = new QueryParser(config.limits(), config.watermark());
        this.cors = new Cors(config.corsEnabled(), config.corsOrigin());
        this.clock = clock;
        this.maxInlineBytes = maxInlineBytes;
    }

    /** A request whose path is relative to the API's root ({@code /upload}, {@code /info/abc}, ...). */
    public HttpResponse handle(HttpRequest request) {
        return handle(request, "");
    }

    /** @param root the prefix the adapter mounts the API under on this host ({@code /api} locally) */
    public HttpResponse handle(HttpRequest request, String root) {
        Trace trace = Trace.current().orElseGet(Trace::fresh);
        return trace.run(() -> {
            HttpResponse response = answer(request, root).withHeader("X-Request-Id", trace.id());
            AccessLog.write(trace, "api", request.method(), request.rawPath(), request.rawQuery(),
                    response.logged());
            return response;
        });
    }

    private HttpResponse answer(HttpRequest request, String root) {
        HttpResponse response;
        try {
            response = route(request, root);
        } catch (ImageException e) {
            Trace.note("code", e.code());
            response = e.kind() == ImageException.Kind.INTERNAL ? ErrorResponses.internal(e) : ErrorResponses.of(e, 0);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Trace.note("code", "InternalError");
            response = ErrorResponses.internal(e);
        }
        // Answers to API calls are about one call: never cached.
        return cors.decorate(request, response.withHeader("Cache-Control", "no-store").withHeader(
                "X-Content-Type-Options", "nosniff"));
    }

    private HttpResponse route(HttpRequest request, String root) {
        String path = request.rawPath();
        if (request.method().equals("OPTIONS") && cors.enabled()) {
            return cors.preflight("GET, POST, PUT, OPTIONS");
        }
        if (!request.rawQuery().isEmpty() && !path.startsWith(LocalUploadUrls.PATH)) {
            throw ImageException.invalidParameter("the API takes no query parameters: send them as form fields "
                    + "(or, for /upload-url, in the JSON body)");
        }
        if (path.equals("/transform")) {
            return only(request, "POST", () -> transform(request));
        }
        if (path.equals("/upload")) {
            return only(request, "POST", () -> upload(request));
        }
        if (path.equals("/upload-url")) {
            return only(request, "POST", () -> uploadUrl(request, root));
        }
        if (path.startsWith("/info/")) {
            return only(request, "GET", () -> info(request, PathText.decodePath(path.substring("/info/".length()))));
        }
        if (path.startsWith(LocalUploadUrls.PATH) && uploadUrls instanceof LocalUploadUrls local) {
            return only(request, "PUT", () -> put(request, local,
                    PathText.decodePath(path.substring(LocalUploadUrls.PATH.length()))));
        }
        throw ImageException.notFound("no API endpoint " + path + "; there are " + String.join(", ", ENDPOINTS));
    }

    private static HttpResponse only(HttpRequest request, String method, java.util.function.Supplier<HttpResponse> call) {
        boolean head = method.equals("GET") && request.method().equals("HEAD");
        if (!request.method().equals(method) && !head) {
            HttpResponse error = ErrorResponses.of(new ImageException(ImageException.Kind.METHOD_NOT_ALLOWED,
                    "MethodNotAllowed", request.rawPath() + " takes " + method + " only"), 0);
            Map<String, String> headers = new HashMap<>(error.headers());
            headers.put("Allow", method.equals("GET") ? "GET, HEAD" : method);
            return new HttpResponse(405, headers, error.body());
        }
        HttpResponse response = call.get();
        return head ? response.withoutBody() : response;
    }

    /** POST /transform: the {@code file} part transformed by the other fields, in the query-style vocabulary. */
    private HttpResponse transform(HttpRequest request) {
        long started = System.nanoTime();
        List<Multipart.Part> parts = form(request);
        Multipart.Part file = file(parts);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Multipart.Part part : parts) {
            if (part != file && parameters.put(part.name(), part.text()) != null) {
                throw ImageException.invalidParameter("field '" + part.name() + "' is given more than once");
            }
        }
        EditChain chain = query.overlay(EditChain.NONE, parameters);
        ImageFormat format = imageFormat(file.body());
        SourceInfo info = renderer.probe(file.body());
        if (chain.isIdentity()) {
            return inline(file.body(), format);
        }
        Rendered rendered = renderer.render(renderer.prepare(file.body(), info, chain, config.defaultBucket()),
                started);
        return inline(rendered.bytes(), rendered.format());
    }

    /** An image answered in the body: on Lambda, only what its response can carry (base64 makes 6 MB of 4.5). */
    private HttpResponse inline(byte[] bytes, ImageFormat format) {
        if (bytes.length > maxInlineBytes) {
            throw ImageException.tooLarge("ResultTooLarge", "the result is " + bytes.length + " bytes, more than "
                    + "an answer can carry (" + maxInlineBytes + "); ask for a smaller size or quality");
        }
        return new HttpResponse(200, Map.of("Content-Type", format.mediaType()), bytes);
    }

    /** POST /upload: the {@code file} part stored under uploads/ (a free key) and made into its variants. */
    private HttpResponse upload(HttpRequest request) {
        List<Multipart.Part> parts = form(request);
        Multipart.Part file = file(parts);
        parts.stream().filter(part -> part != file).findFirst().ifPresent(part -> {
            throw ImageException.invalidParameter("/upload takes one field, 'file'; got '" + part.name() + "'");
        });
        ImageFormat format = check(file.body());
        String bucket = config.defaultBucket();
        String key = store.putNew(bucket, UploadNames.candidates(UploadNames.base(file.filename().orElse("upload"),
                format)), file.body(), format.mediaType()).orElseThrow(() -> new ImageException(
                ImageException.Kind.PRECONDITION_FAILED, "KeyTaken", "no free name was found for this file; retry"));
        return created(request, bucket, key, file.body());
    }

    /** The local server's PUT to an upload URL it made: checked against it, stored under its key, made. */
    private HttpResponse put(HttpRequest request, LocalUploadUrls local, String key) {
        String type = request.header("Content-Type").orElse("");
        String bucket = local.verify(key, PathText.parseQuery(request.rawQuery()), type, request.body().length);
        renderer.buckets().requireUploadable(bucket);
        ImageFormat format = check(request.body());
        if (!format.mediaType().equalsIgnoreCase(type)) {
            throw ImageException.unsupported("WrongContentType", "the file is " + format.mediaType()
                    + ", and this URL takes " + type);
        }
        if (store.putNew(bucket, List.of(key), request.body(), type).isEmpty()) {
            throw new ImageException(ImageException.Kind.PRECONDITION_FAILED, "KeyTaken",
                    "an object already has the key '" + key + "'; ask for a new upload URL");
        }
        return created(request, bucket, key, request.body());
    }

    /**
     * What an upload must be before it is stored: within MAX_SOURCE_BYTES, an image this server reads, and (from its
     * header) within MAX_SOURCE_PIXELS, every frame of an animation counted.
     */
    private ImageFormat check(byte[] bytes) {
        renderer.limits().checkBytes(bytes.length);
        ImageFormat format = imageFormat(bytes);
        SourceInfo info = renderer.probe(bytes);
        renderer.limits().checkFrames(info, info.frames());
        return format;
    }

    /**
     * A stored original made into its variants, from the bytes in hand (only its ETag is read back): 201 with its
     * record. Made meanwhile by another path (the local watcher, the S3 notification), its record says how far it is.
     */
    private HttpResponse created(HttpRequest request, String bucket, String key, byte[] bytes) {
        ImageStore.ObjectInfo stored = store.head(bucket, key).orElseThrow(() -> ImageException.unavailable(
                "StoreUnavailable", "the upload is not readable yet; try again", null));
        ImageRecord record;
        try {
            record = switch (uploads.process(bucket, key, new StoredObject(bytes, stored.etag(),
                    stored.lastModified()))) {
                case UploadProcessor.Outcome.Done done -> done.record();
                case UploadProcessor.Outcome.Failed failed -> failed.record();
                case UploadProcessor.Outcome.Skipped skipped -> recordOf(bucket, key, skipped.reason());
            };
        } catch (ImageException e) {
            if (!e.code().equals("BeingProcessed")) {
                throw e;
            }
            record = recordOf(bucket, key, e.getMessage());
        }
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json",
                "Location", "info/" + record.id()));
        return new HttpResponse(201, headers, ImageRecordJson.bytes(ImageRecordJson.toJson(record,
                Optional.of(variantUrls(request)))));
    }

    private ImageRecord recordOf(String bucket, String key, String why) {
        return metadata.flatMap(m -> m.getImageMetadata(ImageIds.of(bucket, key))).orElseThrow(
                () -> ImageException.internal("a fresh upload has no record: " + why, null));
    }

    /**
     * POST /upload-url: {@code {"filename", "contentType", "bytes"}} answered with a URL to PUT that many bytes to,
     * under a key free now, for files larger than a request through the API may be.
     */
    private HttpResponse uploadUrl(HttpRequest request, String root) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw ImageException.badRequest("MalformedJson", "the body must be JSON: {\"filename\": \"photo.jpg\", "
                    + "\"contentType\": \"image/jpeg\", \"bytes\": 123456}");
        }
        if (body == null || !body.isObject()) {
            throw ImageException.badRequest("MalformedJson", "the body must be a JSON object");
        }
        JsonNode bytesField = body.get("bytes");
        if (bytesField == null || !bytesField.canConvertToExactIntegral() || !bytesField.canConvertToLong()
                || bytesField.asLong() < 1) {
            throw ImageException.invalidParameter("bytes must be the file's size, a whole number above 0");
        }
        long bytes = bytesField.asLong();
        renderer.limits().checkBytes(bytes);
        String contentType = text(body, "contentType").orElseThrow(() -> ImageException.invalidParameter(
                "contentType must name the file's type, e.g. image/jpeg"));
        ImageFormat format = java.util.Arrays.stream(ImageFormat.values())
                .filter(f -> f.mediaType().equalsIgnoreCase(contentType)).findFirst()
                .orElseThrow(() -> ImageException.unsupported("UnsupportedType", "contentType " + contentType
                        + " is not an image type this server reads"));
        String bucket = config.defaultBucket();
        String key = UploadNames.candidates(UploadNames.base(text(body, "filename").orElse("upload"), format))
                .stream().filter(candidate -> store.head(bucket, candidate).isEmpty()).findFirst()
                .orElseThrow(() -> new ImageException(ImageException.Kind.PRECONDITION_FAILED, "KeyTaken",
                        "no free name was found for this file; retry"));
        UploadUrls.UploadUrl url = uploadUrls.create(bucket, key, format.mediaType(), bytes,
                clock.instant().plus(UPLOAD_URL_VALIDITY), origin(request) + root);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", ImageIds.of(bucket, key));
        answer.put("bucket", bucket);
        answer.put("key", key);
        answer.put("method", "PUT");
        answer.put("url", url.url().toString());
        ObjectNode headers = answer.putObject("headers");
        url.headers().forEach(headers::put);
        answer.put("expires", url.expires().toString());
        return new HttpResponse(200, Map.of("Content-Type", "application/json"), ImageRecordJson.bytes(answer));
    }

    /** GET /info/{id}: the record, with the URLs of its variants. */
    private HttpResponse info(HttpRequest request, String id) {
        if (metadata.isEmpty()) {
            throw ImageException.notFound("image metadata is not recorded here: set METADATA_TABLE");
        }
        ImageRecord record = metadata.get().getImageMetadata(id)
                .orElseThrow(() -> ImageException.notFound("no image with id '" + id + "'"));
        return new HttpResponse(200, Map.of("Content-Type", "application/json"),
                ImageRecordJson.bytes(ImageRecordJson.toJson(record, Optional.of(variantUrls(request)))));
    }

    private List<Multipart.Part> form(HttpRequest request) {
        Optional<String> type = request.header("Content-Type");
        if (!Multipart.isMultipart(type)) {
            throw ImageException.unsupported("NotMultipart", "send multipart/form-data with the image in a field "
                    + "named 'file'" + type.map(t -> ", not " + t).orElse(""));
        }
        return Multipart.parse(type.get(), request.body());
    }

    private Multipart.Part file(List<Multipart.Part> parts) {
        List<Multipart.Part> files = parts.stream().filter(p -> p.name().equals(FILE)).toList();
        if (files.isEmpty()) {
            throw ImageException.badRequest("MissingFile", "the form has no field named 'file' holding the image");
        }
        if (files.size() > 1) {
            throw ImageException.badRequest("MissingFile", "send one file per request");
        }
        Multipart.Part file = files.getFirst();
        if (file.body().length == 0) {
            throw ImageException.badRequest("MissingFile", "the file is empty");
        }
        renderer.limits().checkBytes(file.body().length);
        return file;
    }

    private static ImageFormat imageFormat(byte[] bytes) {
        return FormatSniffer.sniff(bytes).orElseThrow(() -> ImageException.unsupported("NotAnImage",
                "the file is not an image in a format this server reads (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF, BMP)"));
    }

    /** Where variants are seen: PROCESSED_URL (CloudFront), else this server's own /image/<bucket>/ URLs. */
    private Function<String, String> variantUrls(HttpRequest request) {
        String base = config.processedUrl().orElse(origin(request) + "/image/" + config.processedBucket());
        return key -> base + "/" + encodePath(key);
    }

    private static String origin(HttpRequest request) {
        String scheme = request.header("X-Forwarded-Proto").orElse("http");
        return scheme + "://" + request.header("Host").orElse("localhost");
    }

    private static String encodePath(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }

}

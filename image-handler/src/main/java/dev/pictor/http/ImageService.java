package dev.pictor.http;

import dev.pictor.config.Config;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.FormatSniffer;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.Rendered;
import dev.pictor.error.ImageException;
import dev.pictor.plan.Plan;
import dev.pictor.plan.SourceInfo;
import dev.pictor.plan.Step;
import dev.pictor.render.Renderer;
import dev.pictor.request.ImageRequest;
import dev.pictor.request.RequestParser;
import dev.pictor.security.SignaturePolicy;
import dev.pictor.security.SigningKeys;
import dev.pictor.source.ImageSource;
import dev.pictor.source.ImageStore;
import dev.pictor.source.ResultStore;
import dev.pictor.source.StoredObject;
import dev.pictor.telemetry.AccessLog;
import dev.pictor.telemetry.Trace;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole way of a request, free of any transport: URL to parsed request, policy, source, plan, engine, encoded
 * response. Both adapters (local server, Lambda) only translate to and from {@link HttpRequest} and
 * {@link HttpResponse}.
 */
public final class ImageService {

    private static final System.Logger LOG = System.getLogger(ImageService.class.getName());
    /** Below this many output pixels no result can approach the response limit: no need to look in the store. */
    private static final long LARGE_OUTPUT_PIXELS = 1_000_000;
    /** How long presigned result URLs stay valid, and (a sixth of it) how long a redirect may be cached. */
    public static final Duration RESULT_URL_VALIDITY = Duration.ofHours(6);
    private static final Duration REDIRECT_MAX_AGE = Duration.ofHours(1);

    private final Config config;
    private final ImageSource source;
    private final ImageEngine engine;
    private final RequestParser parser;
    private final Renderer renderer;
    private final Cors cors;
    private final SignaturePolicy signatures;
    private final Optional<ResultStore> results;
    private final long maxInlineBytes;
    private final ServedListener served;
    /**
     * Everything besides the request and the original that decides an answer's bytes: the engine and its codecs,
     * the settings that fill in what a URL leaves out, and the build. A change to any gives every answer a new ETag,
     * so that a revalidating cache never keeps bytes the server would no longer make.
     */
    private final String outputSettings;

    public ImageService(Config config, ImageSource source, ImageEngine engine) {
        this(config, source, engine, Optional.empty(), Long.MAX_VALUE, SigningKeys.fixed(config.securityKeys()));
    }

    /**
     * @param results        where results over {@code maxInlineBytes} go; without one, such results are a 413
     * @param maxInlineBytes the largest body answered inline (Lambda: its response limit, after base64)
     */
    public ImageService(Config config, ImageSource source, ImageEngine engine, Optional<ResultStore> results,
                        long maxInlineBytes) {
        this(config, source, engine, results, maxInlineBytes, SigningKeys.fixed(config.securityKeys()));
    }

    /** @param keys the signing keys, when they come from elsewhere than the configuration (Secrets Manager) */
    public ImageService(Config config, ImageSource source, ImageEngine engine, Optional<ResultStore> results,
                        long maxInlineBytes, SigningKeys keys) {
        this(config, source, new Renderer(config, source, engine), results, maxInlineBytes, keys,
                ServedListener.NONE);
    }

    /** @param served told of each original served, for access statistics */
    public ImageService(Config config, ImageSource source, Renderer renderer, Optional<ResultStore> results,
                        long maxInlineBytes, SigningKeys keys, ServedListener served) {
        this.results = results;
        this.maxInlineBytes = maxInlineBytes;
        this.config = config;
        this.source = source;
        this.engine = renderer.engine();
        this.parser = new RequestParser(config.limits(), config.watermark(), config.rewrite(),
                config.rekognitionEnabled());
        this.renderer = renderer;
        this.served = served;
        this.outputSettings = engine.name() + "/quality=" + config.defaultQuality() + "/auto-format="
                + config.autoFormat() + "/watermark=" + config.watermark().map(w -> w.canonical()).orElse("none")
                + "/build=" + BuildInfo.ID;
        this.cors = new Cors(config.corsEnabled(), config.corsOrigin());
        this.signatures = new SignaturePolicy(keys, !config.securityKeys().isEmpty()
                || config.secretsManagerId().isPresent(), config.allowUnsafe(), Clock.systemUTC());
        LOG.log(System.Logger.Level.INFO, "image engine: " + engine.name() + "; pixel budget "
                + renderer.budget().pixels());
    }

    /**
     * Answers a request as part of the current trace (the adapter's, carrying Lambda's request id), or a new one; the
     * answer names the request id, and the access line is written when it is ready.
     */
    public HttpResponse handle(HttpRequest request) {
        Trace trace = Trace.current().orElseGet(Trace::fresh);
        return trace.run(() -> {
            // Every answer says its Content-Type is to be believed: a browser never reads an image as a page.
            HttpResponse response = cors.decorate(request, respond(request))
                    .withHeader("X-Content-Type-Options", "nosniff").withHeader("X-Request-Id", trace.id());
            AccessLog.write(trace, "image", request.method(), request.rawPath(), request.rawQuery(),
                    response.logged());
            return response;
        });
    }

    private HttpResponse respond(HttpRequest request) {
        if (request.method().equals("OPTIONS") && cors.enabled()) {
            return cors.preflight();
        }
        HttpResponse response = attempt(request);
        if (response.status() >= 400 && config.fallbackImage().isPresent()) {
            response = fallback(response, config.fallbackImage().get());
        }
        if (config.autoFormat()) {
            Map<String, String> headers = new HashMap<>(response.headers());
            headers.merge("Vary", "Accept", (a, b) -> a + ", " + b);
            response = new HttpResponse(response.status(), headers, response.body());
        }
        return request.method().equals("HEAD")
                ? response.withoutBody()
                : response;
    }

    /**
     * The configured fallback image in place of an error's JSON, keeping the error's status and its short caching,
     * so that an {@code <img>} shows something; the JSON stays when the fallback itself cannot be read.
     */
    private HttpResponse fallback(HttpResponse error, String key) {
        try {
            byte[] bytes = source.get(config.defaultBucket(), key, config.maxSourceBytes()).bytes();
            ImageFormat format = FormatSniffer.sniff(bytes).orElseThrow(() -> ImageException.unsupported(
                    "NotAnImage", "the fallback image is not an image"));
            return new HttpResponse(error.status(), Map.of("Content-Type", format.mediaType(),
                    "Cache-Control", "public, max-age=" + config.errorCacheMaxAge()), bytes);
        } catch (ImageException e) {
            LOG.log(System.Logger.Level.WARNING, "fallback image " + key + " unavailable: " + e.getMessage());
            return error;
        }
    }

    private HttpResponse attempt(HttpRequest request) {
        try {
            return serve(request);
        } catch (ImageException e) {
            Trace.note("code", e.code());
            if (e.kind() == ImageException.Kind.INTERNAL) {
                return ErrorResponses.internal(e);
            }
            HttpResponse error = ErrorResponses.of(e, config.errorCacheMaxAge());
            return e.kind() == ImageException.Kind.METHOD_NOT_ALLOWED
                    ? error.withHeader("Allow", cors.enabled() ? "GET, HEAD, OPTIONS" : "GET, HEAD") : error;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Trace.note("code", "InternalError");
            return ErrorResponses.internal(e);
        }
    }

    private HttpResponse serve(HttpRequest http) {
        long started = System.nanoTime();
        if (!http.method().equals("GET") && !http.method().equals("HEAD")) {
            throw new ImageException(ImageException.Kind.METHOD_NOT_ALLOWED, "MethodNotAllowed",
                    "only GET and HEAD are served" + (cors.enabled() ? ", and OPTIONS for CORS" : ""));
        }
        ImageRequest parsed = parser.parse(http.rawPath(), http.rawQuery());
        Optional<Duration> validFor = signatures.check(parsed);
        ImageRequest request = negotiate(parsed, http.header("Accept"));
        return withRequestedHeaders(answer(http, request, parsed.chain().isIdentity(), validFor, started),
                request.chain().output().delivery().headers());
    }

    /**
     * The headers a request sets for its answer (SIH's {@code headers} field), on images and 304s only: an error
     * keeps its own. Cache-Control is decided in {@link #cacheControl}.
     */
    private static HttpResponse withRequestedHeaders(HttpResponse response, Map<String, String> requested) {
        if (requested.isEmpty() || response.status() != 200 && response.status() != 304) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        requested.forEach((name, value) -> {
            if (!name.equals("cache-control")) {
                headers.put(name, value);
            }
        });
        return new HttpResponse(response.status(), headers, response.body());
    }

    /**
     * max_age or CACHE_MAX_AGE, capped by a signed URL's expiry; a request's own Cache-Control header replaces it
     * unless the URL expires (an expiring URL's answer must not be cached past it).
     */
    private String cacheControl(ImageRequest request, Optional<Duration> validFor) {
        String requested = request.chain().output().delivery().headers().get("cache-control");
        if (requested != null && validFor.isEmpty()) {
            return requested;
        }
        long maxAge = request.chain().output().delivery().maxAge().map(Integer::longValue).orElse(config.cacheMaxAge());
        return "public, max-age=" + validFor.map(d -> Math.min(d.toSeconds(), maxAge)).orElse(maxAge);
    }

    private StoredObject read(String bucket, String key) {
        StoredObject original;
        try {
            original = source.get(bucket, key, config.maxSourceBytes());
        } catch (ImageException e) {
            throw e.kind() == ImageException.Kind.NOT_FOUND ? KeyHints.explain(e, key) : e;
        }
        served.served(bucket, key);
        return original;
    }

    /** @param asStored whether the URL asked for nothing but the image (before Accept chose a format for it) */
    private HttpResponse answer(HttpRequest http, ImageRequest request, boolean asStored, Optional<Duration> validFor,
                                long started) {
        String cacheControl = cacheControl(request, validFor);
        String bucket = renderer.buckets().requireReadable(request.bucket().orElse(config.defaultBucket()));
        String variant = bucket + "/" + request.canonical() + "/" + outputSettings;
        Optional<String> ifNoneMatch = http.header("If-None-Match");
        Optional<HttpResponse> notModified = ifNoneMatch.isPresent() && !request.remote()
                ? notModified(bucket, request.key(), variant, ifNoneMatch, cacheControl) : Optional.empty();
        if (notModified.isPresent()) {
            return notModified.get();
        }
        StoredObject original = request.remote() ? renderer.fetch(request.key()) : read(bucket, request.key());
        Trace.note("sourceBytes", original.bytes().length);
        Validators validators = Validators.of(original, variant);
        if (validators.matches(ifNoneMatch)) {
            Trace.note("answer", "304");
            return new HttpResponse(304, validators.headers(cacheControl), new byte[0]);
        }
        // The original is the answer only to a URL that asks for nothing: as it is, or, for a vector, whatever format
        // the browser accepts (smaller, and sharp at any size). Other requests are not sniffed here.
        Optional<ImageFormat> storedFormat = asStored ? FormatSniffer.sniff(original.bytes()) : Optional.empty();
        if (request.chain().isIdentity() || storedFormat.orElse(null) == ImageFormat.SVG) {
            Trace.note("answer", "original");
            ImageFormat format = storedFormat.orElseThrow(() -> ImageException.unsupported(
                    "NotAnImage", "the source is not an image in a format this server knows"));
            return deliver(original.bytes(), format, validators, cacheControl);
        }
        SourceInfo info = renderer.probe(original.bytes());
        Trace.note("sourcePixels", info.pixels());
        if (request.chain().output().delivery().meta()) {
            Trace.note("answer", "meta");
            return meta(request, bucket, original, info, validators, cacheControl, started);
        }
        Renderer.Job job = renderer.prepare(original.bytes(), info, request.chain(), bucket);
        if (results.isPresent() && job.outputPixels() >= LARGE_OUTPUT_PIXELS) {
            Optional<URI> stored = results.get().find(resultKey(validators));
            if (stored.isPresent()) {
                Trace.note("answer", "redirect");
                return redirect(stored.get(), validators);
            }
        }
        Trace.note("answer", "rendered");
        Rendered rendered = renderer.render(job, started);
        return deliver(rendered.bytes(), rendered.format(), validators, cacheControl);
    }

    /**
     * Thumbor's meta: the plan in source pixels (no decode shrink) as JSON. The target size comes from the plan, or
     * from rendering when pixels decide it (a trim).
     */
    /**
     * A revalidation (CloudFront's, a browser's) answered from the source's metadata, when the store has it: a HEAD
     * costs no download of the original. Empty when it does not match, or the store cannot tell without reading.
     */
    private Optional<HttpResponse> notModified(String bucket, String key, String variant,
                                               Optional<String> ifNoneMatch, String cacheControl) {
        if (!(source instanceof ImageStore store)) {
            return Optional.empty();
        }
        Optional<ImageStore.ObjectInfo> head;
        try {
            head = store.head(bucket, key);
        } catch (ImageException e) {
            // The read that follows reports it, in its own words.
            return Optional.empty();
        }
        if (head.isEmpty() || head.get().etag().isEmpty()) {
            return Optional.empty();
        }
        Validators validators = Validators.of(head.get().etag(), head.get().lastModified(), variant);
        if (!validators.matches(ifNoneMatch)) {
            return Optional.empty();
        }
        Trace.note("sourceBytes", head.get().bytes());
        Trace.note("answer", "304");
        served.served(bucket, key);
        return Optional.of(new HttpResponse(304, validators.headers(cacheControl), new byte[0]));
    }

    private HttpResponse meta(ImageRequest request, String bucket, StoredObject original, SourceInfo info,
                              Validators validators, String cacheControl, long started) {
        Plan plan = renderer.plan(request.chain(), info, 1);
        int width = plan.width();
        int height = plan.height();
        List<Rendered.Window> chosen = List.of();
        // What only the pixels decide (the size after a trim, a smart crop's window) takes a render to learn.
        if (width < 0 || plan.steps().stream().anyMatch(step -> step instanceof Step.SmartRegion
                || step instanceof Step.Subject)) {
            Rendered rendered = renderer.render(renderer.job(original.bytes(), info, plan,
                    renderer.overlays(bucket, request.chain())), started);
            width = rendered.width();
            height = rendered.height();
            chosen = rendered.chosen();
        }
        Map<String, String> headers = new HashMap<>(validators.headers(cacheControl));
        byte[] json = MetaResponse.describe(request.key(), info, plan, width, height, chosen);
        Optional<String> callback = request.chain().output().delivery().callback();
        headers.put("Content-Type", callback.isPresent() ? "application/javascript" : "application/json");
        byte[] body = callback.map(fn -> (fn + "(" + new String(json, java.nio.charset.StandardCharsets.UTF_8)
                + ");").getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(json);
        return new HttpResponse(200, headers, body);
    }

    /**
     * AUTO_FORMAT: with no format named, the best one the Accept header allows and this server writes (AVIF, then
     * WebP), else the source's. An explicit format always wins.
     */
    private ImageRequest negotiate(ImageRequest request, Optional<String> accept) {
        if (!config.autoFormat() || request.chain().output().encoding().format().isPresent() || accept.isEmpty()) {
            return request;
        }
        for (ImageFormat format : new ImageFormat[] {ImageFormat.AVIF, ImageFormat.WEBP}) {
            if (accept.get().contains(format.mediaType()) && engine.canEncode(format)) {
                EditChain chain = new EditChain(request.chain().edits(), request.chain().output().withFormat(format));
                return new ImageRequest(request.bucket(), request.key(), chain, request.signature(),
                        request.expires());
            }
        }
        return request;
    }

    static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    /** Inline when it fits; else stored and redirected to, where a result store is configured. */
    private HttpResponse deliver(byte[] bytes, ImageFormat format, Validators validators, String cacheControl) {
        if (bytes.length <= maxInlineBytes) {
            return image(bytes, format, validators, cacheControl);
        }
        // A stored result is served without our headers: an SVG there would run its scripts on the bucket's origin.
        if (results.isEmpty() || format == ImageFormat.SVG) {
            throw ImageException.tooLarge("ResultTooLarge", "the result is " + bytes.length
                    + " bytes, over the response limit of " + maxInlineBytes + (format == ImageFormat.SVG
                    ? "; an SVG is only served inline: ask for it as PNG" : ", and no OUTPUT_BUCKET is configured"));
        }
        Trace.note("answer", "redirect");
        return redirect(results.get().put(resultKey(validators), bytes, format.mediaType(), cacheControl),
                validators);
    }

    /** Results are stored under their strong ETag: source version, normalised request and engine. */
    private static String resultKey(Validators validators) {
        return "pictor-results/" + validators.etag().replace("\"", "");
    }

    /** 302 to the stored result; cached for less time than its URL stays valid. */
    private HttpResponse redirect(URI location, Validators validators) {
        return new HttpResponse(302, Map.of("Location", location.toString(), "ETag", validators.etag(),
                "Cache-Control", "public, max-age=" + REDIRECT_MAX_AGE.toSeconds()), new byte[0]);
    }

    private HttpResponse image(byte[] bytes, ImageFormat format, Validators validators, String cacheControl) {
        Map<String, String> headers = new HashMap<>(validators.headers(cacheControl));
        headers.put("Content-Type", format.mediaType());
        if (format == ImageFormat.SVG) {
            // An SVG is a document that can hold scripts and links: opened on its own from our origin it must run
            // nothing, load nothing and navigate nowhere. An <img> never runs them either way.
            headers.put("Content-Security-Policy", SVG_POLICY);
        }
        return new HttpResponse(200, headers, bytes);
    }


}

package dev.pictor.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import dev.pictor.http.ErrorResponses;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.signer.AsRequested;
import dev.pictor.signer.QuerySigner;
import dev.pictor.signer.ThumborSigner;
import dev.pictor.source.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo page of the local server: the page itself at {@code /} and {@code /demo/}, its files under {@code /demo/}
 * (from {@code demo-ui/}, packed into the jar), what it needs to know ({@code /demo/samples.json}: the images it
 * offers, the configured watermark, whether it may ask for signatures), and, only when {@code DEMO_SIGNING} is on,
 * {@code POST /demo/sign}, which signs the page's URLs with a key that never leaves the server.
 */
public final class DemoSite {

    public static final String ROOT = "/demo";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "demo.js", "text/javascript; charset=utf-8",
            "demo.css", "text/css; charset=utf-8");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "gif", "avif", "heic",
            "heif", "tif", "tiff", "bmp");
    private static final int MAX_LISTED = 200;
    /**
     * Nothing from elsewhere, nothing inline: the page works offline and under the strictest policy. Images are
     * fetched, then shown from blob: URLs so that the page can report their bytes and type.
     */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    private final ImageStore store;
    private final String bucket;
    private final Optional<Watermark> watermark;
    private final Optional<String> signingKey;
    private final String api;

    /**
     * @param signingKey the key the page's URLs are signed with, when the page may ask for signatures
     * @param api        where the REST API is mounted, for uploads
     */
    public DemoSite(ImageStore store, String bucket, Optional<Watermark> watermark, Optional<String> signingKey,
                    String api) {
        this.store = store;
        this.bucket = bucket;
        this.watermark = watermark;
        this.signingKey = signingKey;
        this.api = api;
    }

    /** The answer when the request is the demo's; empty when it is an image URL. */
    public Optional<HttpResponse> handle(HttpRequest request) {
        String path = request.rawPath();
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        if (path.equals("/") && (request.rawQuery() == null || request.rawQuery().isEmpty()) && read
                || path.equals(ROOT) || path.equals(ROOT + "/")) {
            return Optional.of(read ? file("index.html") : notAllowed("GET, HEAD"));
        }
        if (!path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String name = path.substring(ROOT.length() + 1);
        return Optional.of(switch (name) {
            case "samples.json" -> read ? json(samples()) : notAllowed("GET, HEAD");
            case "sign" -> request.method().equals("POST") ? sign(request) : notAllowed("POST");
            default -> TYPES.containsKey(name) ? (read ? file(name) : notAllowed("GET, HEAD"))
                    : ErrorResponses.of(ImageException.notFound("no demo file " + name), 0);
        });
    }

    private ObjectNode samples() {
        ObjectNode site = JSON.createObjectNode();
        site.put("bucket", bucket);
        ArrayNode images = site.putArray("images");
        // The bucket's own images first, then uploads; variants and other folders are not offered.
        store.list(bucket, "").stream()
                .filter(key -> !key.contains("/") || key.startsWith("uploads/") && key.indexOf('/', 8) < 0)
                .filter(key -> IMAGE_EXTENSIONS.contains(key.substring(key.lastIndexOf('.') + 1)
                        .toLowerCase(Locale.ROOT)))
                .sorted((a, b) -> Boolean.compare(a.contains("/"), b.contains("/")) * 2 + Integer.signum(a.compareTo(b)))
                .limit(MAX_LISTED)
                .forEach(images::add);
        site.put("signing", signingKey.isPresent());
        if (watermark.isPresent()) {
            Watermark mark = watermark.get();
            ObjectNode node = site.putObject("watermark");
            node.put("key", mark.key());
            node.put("x", mark.x().canonical());
            node.put("y", mark.y().canonical());
            node.put("alpha", mark.transparency());
            node.put("ratio", mark.widthRatio().map(r -> (int) Math.round(r)).orElse(25));
        } else {
            site.putNull("watermark");
        }
        site.put("api", api);
        return site;
    }

    /**
     * Signs the page's URLs: Thumbor's way for {@code /unsafe/} paths, else with {@code ?signature=}. Only for this
     * page: a JSON body (which a form on another site cannot send without the browser asking first) from the same
     * origin; the local server also refuses it for a Host that is not this machine's (a DNS-rebound page).
     */
    private HttpResponse sign(HttpRequest request) {
        if (signingKey.isEmpty()) {
            return ErrorResponses.of(ImageException.notFound("signing for the demo page is off: set DEMO_SIGNING=true"
                    + " and SECURITY_KEYS"), 0);
        }
        String site = request.header("Sec-Fetch-Site").orElse("same-origin");
        if (!request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json")
                || !site.equals("same-origin")) {
            return ErrorResponses.of(ImageException.forbidden("DemoOnly", "only the demo page may ask for signatures"),
                    0);
        }
        JsonNode urls;
        try {
            urls = JSON.readTree(request.body()).path("urls");
        } catch (IOException e) {
            urls = null;
        }
        if (urls == null || !urls.isArray() || urls.size() > 10) {
            return ErrorResponses.of(ImageException.badRequest("InvalidBody",
                    "the body must be {\"urls\": [\"/path?query\", ...]} with at most 10 paths"), 0);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode signed = answer.putArray("urls");
        for (JsonNode url : urls) {
            String path = url.asText();
            if (!path.startsWith("/")) {
                return ErrorResponses.of(ImageException.badRequest("InvalidBody", "each path must start with /"), 0);
            }
            // Signed as the browser will request it: what a URL cannot hold raw (a space in a filter) encoded.
            String requested = AsRequested.encode(path);
            signed.add(requested.startsWith("/unsafe/") && !requested.contains("?")
                    ? ThumborSigner.sign(signingKey.get(), requested) : QuerySigner.sign(signingKey.get(), requested));
        }
        return json(answer);
    }

    private static HttpResponse file(String name) {
        try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream("demo/" + name)) {
            if (in == null) {
                return ErrorResponses.of(ImageException.notFound("the demo page is not in this build"), 0);
            }
            return page(200, TYPES.get(name), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse json(JsonNode node) {
        return page(200, "application/json", node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse notAllowed(String allow) {
        return ErrorResponses.of(ImageException.methodNotAllowed("the demo page answers " + allow), 0)
                .withHeader("Allow", allow);
    }

    private static HttpResponse page(int status, String type, byte[] body) {
        return new HttpResponse(status, Map.of("Content-Type", type, "Content-Security-Policy", POLICY,
                "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache",
                "Referrer-Policy", "no-referrer"), body);
    }
}

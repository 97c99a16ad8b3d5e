package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.config.Config;
import dev.pictor.engine.vips.Vips;
import dev.pictor.engine.vips.VipsCodec;
import dev.pictor.engine.FormatSniffer;
import dev.pictor.engine.ImageEngine;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.Similarity;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The whole way of a request, without a transport: a URL on the bundled samples in, an image or a JSON error out.
 * One row a case; pixels are checked against references made once with ImageMagick, by structural similarity.
 * Every engine the service can run with passes the same cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageServiceCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path sharedRoot;
    Path root;

    ImageService service;

    abstract ImageEngine engine();

    @BeforeAll
    void setUp() throws IOException {
        root = Files.createTempDirectory(sharedRoot, getClass().getSimpleName());
        Path bucket = Files.createDirectories(root.resolve("images"));
        try (var samples = Files.list(TestImages.samplesRoot().resolve("images"))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, bucket.resolve(sample.getFileName()));
            }
        }
        Files.write(bucket.resolve("not-an-image.jpg"), TestImages.fixture("not-an-image.jpg"));
        Files.write(bucket.resolve("truncated.jpg"), TestImages.fixture("truncated.jpg"));
        for (String fixture : List.of("bird-320.avif", "mars-alpha-200.avif", "ball.webp", "bird-320.heic",
                "mars-alpha-200.heic", "screen-bomb.gif", "badge.svg", "svg-viewbox-only.svg", "svg-huge.svg",
                "svg-use-bomb.svg", "svg-entities.svg", "svg-xxe.svg")) {
            Files.write(bucket.resolve(fixture), TestImages.fixture(fixture));
        }
        Config config = Config.fromEnvironment(Map.of("WATERMARK_KEY", "logo.png"));
        service = new ImageService(config, new LocalFolderStore(root), engine());
    }

    static VipsCodec avifDecoder() {
        return new VipsCodec(Vips.library(Optional.empty()).get().orElseThrow());
    }

    HttpResponse get(String url) {
        return service.handle(Urls.get(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/render-urls.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void renders(String name, String url, int status, String format, int width, int height, String golden,
                 double minSsim) throws IOException {
        checkRender(url, status, format, width, height, golden, minSsim);
    }

    void checkRender(String url, int status, String format, int width, int height, String golden,
                             double minSsim) throws IOException {
        HttpResponse response = get(url.startsWith("json:") ? Urls.sih(url.substring(5)) : url);
        String body = response.contentType().equals("application/json")
                ? new String(response.body(), StandardCharsets.UTF_8) : "";
        assertEquals(status, response.status(), body);
        if (format.equals("meta")) {
            JsonNode target = JSON.readTree(response.body()).at("/thumbor/target");
            assertEquals(width + "x" + height, target.get("width").asInt() + "x" + target.get("height").asInt());
            return;
        }
        if (format.equals("json")) {
            assertEquals("application/json", response.contentType());
            assertTrue(body.matches("\\{\"status\":" + status + ",\"code\":\"\\w+\",\"message\":\".+\"}"), body);
            return;
        }
        assertEquals("image/" + format, response.contentType());
        assertEquals(format, FormatSniffer.sniff(response.body()).orElseThrow().name().toLowerCase(Locale.ROOT));
        BufferedImage image = format.equals("avif") ? avifDecoder().decode(response.body())
                : TestImages.decode(response.body());
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
        if (!golden.equals("-")) {
            BufferedImage reference = TestImages.decode(TestImages.resource("/golden/" + golden));
            double ssim = Similarity.ssim(image, reference);
            assertTrue(ssim >= minSsim, "SSIM " + ssim + " against " + golden + " is below " + minSsim);
        }
    }

    /** SVG sources (JSVG): the same rows on every engine. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/svg-urls.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void svgSources(String name, String url, int status, String format, int width, int height, String golden,
                    double minSsim) throws IOException {
        checkRender(url, status, format, width, height, golden, minSsim);
    }

    @Test
    void anSvgAskedForAsItIsIsServedAsStoredAndCannotRunAnything() throws IOException {
        byte[] stored = TestImages.fixture("badge.svg");
        ImageService autoFormat = new ImageService(Config.fromEnvironment(Map.of("AUTO_FORMAT", "true")),
                new LocalFolderStore(root), engine());
        for (HttpResponse response : List.of(get("/badge.svg"), get("/unsafe/badge.svg"),
                autoFormat.handle(Urls.get("/badge.svg", Map.of("Accept", "image/avif,image/webp,*/*"))))) {
            assertEquals(200, response.status());
            assertEquals("image/svg+xml", response.contentType());
            assertArrayEquals(stored, response.body());
            assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
                    response.headers().get("Content-Security-Policy"));
        }
    }

    /** Hostile documents: each answered, as an image or a JSON 4xx, and nothing they name is read. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " | ", textBlock = """
            entity expansion bomb                 | svg-entities.svg
            external entity naming a local file   | svg-xxe.svg
            """)
    void hostileSvgIsAnsweredSafely(String name, String key) {
        HttpResponse response = get("/" + key + "?width=50");
        assertTrue(response.status() == 200 || response.status() == 415, response.status() + " " + name);
        if (response.status() == 200) {
            assertEquals("image/png", response.contentType());
            assertEquals(0, countOpaque(TestImages.decode(response.body())), "no text of any entity is drawn");
        }
    }

    @Test
    void nothingAnSvgReferencesIsFetched() throws IOException {
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] png = TestImages.fixture("gray-alpha-16.png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        server.start();
        try {
            String origin = "http://127.0.0.1:" + server.getAddress().getPort();
            Path secret = Files.writeString(root.resolve("secret.png"), "not for SVGs");
            String svg = """
                    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"                     width="100" height="100">
                      <style>@import url(ORIGIN/style.css); rect { fill: url(ORIGIN/paint.svg#p) }</style>
                      <image href="ORIGIN/pixel.png" width="50" height="50"/>
                      <image xlink:href="ORIGIN/other.png" x="50" width="50" height="50"/>
                      <image href="SECRET" y="50" width="50" height="50"/>
                      <use href="ORIGIN/shapes.svg#shape"/>
                      <rect x="60" y="60" width="10" height="10" filter="url(ORIGIN/filters.svg#f)"/>
                    </svg>
                    """.replace("ORIGIN", origin).replace("SECRET", secret.toUri().toString());
            Files.writeString(root.resolve("images/references.svg"), svg);
            HttpResponse response = get("/references.svg?width=200");
            assertEquals(200, response.status(), new String(response.body(), StandardCharsets.UTF_8));
            assertEquals("image/png", response.contentType());
            assertEquals(0, fetched.get(), "the SVG's references were fetched");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anImageEmbeddedInAnSvgIsNotDrawn() throws IOException {
        String jpeg = java.util.Base64.getEncoder().encodeToString(TestImages.sample("bird.jpg"));
        Files.writeString(root.resolve("images/embedded.svg"), """
                <svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">
                  <image href="data:image/jpeg;base64,JPEG" width="40" height="40"/>
                </svg>
                """.replace("JPEG", jpeg));
        HttpResponse response = get("/embedded.svg?format=png");
        assertEquals(200, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(0, countOpaque(TestImages.decode(response.body())), "an embedded image was decoded and drawn");
    }

    private static int countOpaque(BufferedImage image) {
        int opaque = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                opaque += (image.getRGB(x, y) >>> 24) > 0 ? 1 : 0;
            }
        }
        return opaque;
    }

    /** Animated sources, one row a URL: the size of the result and how many frames it keeps. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/animation-urls.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void animations(String name, String url, int status, int width, int height, int frames) {
        checkAnimation(url, status, width, height, frames);
    }

    void checkAnimation(String url, int status, int width, int height, int frames) {
        HttpResponse response = get(url.startsWith("json:") ? Urls.sih(url.substring(5)) : url);
        assertEquals(status, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        BufferedImage first = TestImages.decode(response.body());
        assertEquals(width + "x" + height, first.getWidth() + "x" + first.getHeight());
        assertEquals(frames, TestImages.frames(response.body()));
    }

    /** Thumbor's meta JSON, one row a URL: the source, the operations in source pixels, and the target. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/meta-urls.csv", delimiterString = " | ", numLinesToSkip = 1)
    void meta(String name, String url, String source, String operations, String target) throws IOException {
        HttpResponse response = get(url);
        assertEquals(200, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", response.contentType());
        JsonNode meta = JSON.readTree(response.body()).get("thumbor");
        JsonNode s = meta.get("source");
        assertEquals(source, s.get("width").asInt() + "x" + s.get("height").asInt() + " " + s.get("format").asText()
                + " " + s.get("frameCount").asInt());
        List<String> ops = new ArrayList<>();
        for (JsonNode op : meta.get("operations")) {
            String type = op.get("type").asText();
            ops.add(switch (type) {
                case "crop" -> "crop(" + op.get("left") + "," + op.get("top") + "," + op.get("right") + ","
                        + op.get("bottom") + ")";
                case "resize" -> "resize(" + op.get("width") + "," + op.get("height") + ")";
                case "orient" -> "orient(" + op.get("orientation") + ")";
                case "filter" -> "filter(" + op.get("filter").asText() + ")";
                // Numbers as JSON numbers: a string would print with its quotes.
                case "rotate" -> "rotate(" + op.get("degrees") + ")";
                case "smart_crop" -> "smart_crop(" + op.get("width") + "," + op.get("height") + ":" + op.get("left")
                        + "," + op.get("top") + "," + op.get("right") + "," + op.get("bottom") + ")";
                case "subject_crop" -> "subject_crop(" + op.get("padding") + ":" + op.get("left") + ","
                        + op.get("top") + "," + op.get("right") + "," + op.get("bottom") + ")";
                default -> type;
            });
        }
        assertEquals(operations, String.join(" ", ops));
        JsonNode t = meta.get("target");
        assertEquals(target, t.get("width").asInt() + "x" + t.get("height").asInt() + " " + t.get("format").asText());
    }

    @Test
    void metaWithACallbackIsJsonp() throws IOException {
        HttpResponse response = get("/unsafe/meta/100x0/bird.jpg?callback=app.show");
        assertEquals(200, response.status());
        assertEquals("application/javascript", response.contentType());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("app.show(") && body.endsWith(");"), body);
        JsonNode meta = JSON.readTree(body.substring("app.show(".length(), body.length() - 2));
        assertEquals(56, meta.at("/thumbor/target/height").asInt());
    }

    @Test
    void sihHeadersAreSetOnTheImageButNotOnErrors() {
        HttpResponse image = get(Urls.sih("{\"key\":\"bird.jpg\",\"edits\":{\"resize\":{\"width\":50}},"
                + "\"headers\":{\"Cache-Control\":\"public, max-age=600\",\"Content-Language\":\"de\","
                + "\"X-Accel-Redirect\":\"/secret\"}}"));
        assertEquals(200, image.status());
        assertEquals("public, max-age=600", image.headers().get("Cache-Control"));
        assertEquals("de", image.headers().get("content-language"));
        assertTrue(image.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("X-Accel-Redirect")));
        assertEquals("nosniff", image.headers().get("X-Content-Type-Options"));
        HttpResponse missing = get(Urls.sih("{\"key\":\"none.jpg\",\"headers\":{\"Content-Language\":\"de\"}}"));
        assertEquals(404, missing.status());
        assertTrue(!missing.headers().containsKey("content-language"), missing.headers().toString());
        assertEquals("nosniff", missing.headers().get("X-Content-Type-Options"));
    }

    @Test
    void maxBytesLowersTheQualityUntilTheImageFits() {
        int unbounded = get("/unsafe/600x0/bird.jpg").body().length;
        byte[] fitted = get("/unsafe/600x0/filters:max_bytes(15000)/bird.jpg").body();
        assertTrue(unbounded > 15000, "the image must need shrinking: " + unbounded);
        assertTrue(fitted.length <= 15000, "fits: " + fitted.length);
        assertTrue(fitted.length > 15000 * 0.7, "the highest quality that fits, not the lowest: " + fitted.length);
        byte[] impossible = get("/unsafe/600x0/filters:max_bytes(100)/bird.jpg").body();
        assertTrue(impossible.length < fitted.length, "the smallest it can be when nothing fits");
    }

    @Test
    void aRequestWithoutEditsReturnsTheOriginalBytes() {
        HttpResponse response = get("/bird.jpg");
        assertEquals(200, response.status());
        assertEquals("image/jpeg", response.contentType());
        assertArrayEquals(TestImages.sample("bird.jpg"), response.body());
        assertArrayEquals(TestImages.sample("forest.webp"), get("/unsafe/forest.webp").body());
    }

    @Test
    void imagesAreCachedForAYearAndErrorsBriefly() {
        assertEquals("public, max-age=31536000", get("/bird.jpg?width=10").headers().get("Cache-Control"));
        assertEquals("public, max-age=60", get("/bird.jpg?width=-1").headers().get("Cache-Control"));
    }

    @Test
    void lowerQualityGivesFewerBytes() {
        int high = get("/bird.jpg?width=400&quality=95").body().length;
        int low = get("/bird.jpg?width=400&quality=30").body().length;
        assertTrue(low < high * 0.6, "q30 " + low + " bytes vs q95 " + high);
    }

    @Test
    void transparencyIsKeptForPngAndFlattenedOnWhiteForJpeg() {
        BufferedImage png = TestImages.decode(get("/mars-alpha.png?width=200").body());
        assertEquals(0, png.getRGB(100, 2) >>> 24, "sky stays transparent");
        BufferedImage jpeg = TestImages.decode(get("/mars-alpha.png?width=200&format=jpg").body());
        int sky = jpeg.getRGB(100, 2);
        assertTrue(((sky >> 16) & 0xFF) > 245 && ((sky >> 8) & 0xFF) > 245 && (sky & 0xFF) > 245,
                "transparent sky flattened on white: " + Integer.toHexString(sky));
        BufferedImage green = TestImages.decode(
                get("/unsafe/filters:background_color(00ff00):format(jpeg)/mars-alpha.png").body());
        int behind = green.getRGB(400, 2);
        assertTrue(((behind >> 16) & 0xFF) < 20 && ((behind >> 8) & 0xFF) > 235 && (behind & 0xFF) < 20,
                "named background used: " + Integer.toHexString(behind));
    }

    @Test
    void fillPaintsTheBarsInItsColour() {
        BufferedImage image = TestImages.decode(get("/unsafe/fit-in/300x300/filters:fill(red)/bird.jpg").body());
        int corner = image.getRGB(2, 2);
        assertTrue(((corner >> 16) & 0xFF) > 230 && ((corner >> 8) & 0xFF) < 30, Integer.toHexString(corner));
    }

    @Test
    void fillAutoPaintsTheBarsInTheMedianColour() {
        // bird.jpg's channel medians, computed outside (ImageMagick's pixels sorted per channel): a0a499.
        BufferedImage image = TestImages.decode(
                get("/unsafe/fit-in/200x200/filters:fill(auto):format(png)/bird.jpg").body());
        int bar = image.getRGB(2, 2);
        assertTrue(Math.abs(((bar >> 16) & 0xFF) - 0xa0) <= 2 && Math.abs(((bar >> 8) & 0xFF) - 0xa4) <= 2
                && Math.abs((bar & 0xFF) - 0x99) <= 2, Integer.toHexString(bar));
    }

    @Test
    void cmykColoursAreNotInverted() {
        BufferedImage ours = TestImages.decode(get("/hills-cmyk.jpg?width=120").body());
        BufferedImage reference = TestImages.decode(TestImages.resource("/golden/hills-240.jpg"));
        double oursMean = meanLuma(ours);
        double referenceMean = meanLuma(reference);
        assertTrue(Math.abs(oursMean - referenceMean) < 30, "mean luma " + oursMean + " vs " + referenceMean);
    }

    @Test
    void headAnswersWithTheLengthAndNoBody() {
        HttpResponse get = get("/bird.jpg?width=50");
        HttpResponse head = service.handle(new HttpRequest("HEAD", "/bird.jpg", "width=50", Map.of()));
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(Integer.toString(get.body().length), head.headers().get("Content-Length"));
    }

    @Test
    void otherMethodsAreRefused() {
        HttpResponse response = service.handle(new HttpRequest("POST", "/bird.jpg", "", Map.of()));
        assertEquals(405, response.status());
    }

    @Test
    void aTruncatedSourceIsNeverA500() {
        int status = get("/truncated.jpg?width=100").status();
        assertTrue(status == 200 || status == 415, "status " + status);
    }

    private static double meanLuma(BufferedImage image) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                sum += 0.2126 * ((p >> 16) & 0xFF) + 0.7152 * ((p >> 8) & 0xFF) + 0.0722 * (p & 0xFF);
            }
        }
        return sum / (image.getWidth() * image.getHeight());
    }
}

package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.local.LocalServer;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.net.URI;
import dev.pictor.engine.codec.AvifCodec;
import dev.pictor.error.ImageException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Caching validators, conditional requests and CORS, on both the service and the wire. */
class HttpSemanticsTest {

    static ImageService service(Map<String, String> env) {
        return new ImageService(Config.fromEnvironment(env), new LocalFolderStore(TestImages.samplesRoot()),
                new Java2dEngine());
    }

    static final ImageService PLAIN = service(Map.of());

    static HttpResponse get(ImageService service, String path, String query, Map<String, String> headers) {
        return service.handle(new HttpRequest("GET", path, query, headers));
    }

    @Test
    void imagesCarryAStrongEtagAndTheSourceDate() {
        HttpResponse first = get(PLAIN, "/bird.jpg", "width=100", Map.of());
        HttpResponse again = get(PLAIN, "/bird.jpg", "width=100", Map.of());
        HttpResponse other = get(PLAIN, "/bird.jpg", "width=101", Map.of());
        HttpResponse original = get(PLAIN, "/bird.jpg", "", Map.of());
        String etag = first.headers().get("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        assertEquals(etag, again.headers().get("ETag"));
        assertNotEquals(etag, other.headers().get("ETag"));
        assertNotEquals(etag, original.headers().get("ETag"));
        assertTrue(first.headers().get("Last-Modified").endsWith(" GMT"), first.headers().get("Last-Modified"));
    }

    @ParameterizedTest(name = "If-None-Match {0} -> {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            SAME                  | 304
            W/SAME                | 304
            "other", SAME         | 304
            *                     | 304
            "0123456789abcdef"    | 200
            """)
    void conditionalRequests(String ifNoneMatch, int status) {
        String etag = get(PLAIN, "/bird.jpg", "width=90", Map.of()).headers().get("ETag");
        HttpResponse response = get(PLAIN, "/bird.jpg", "width=90",
                Map.of("If-None-Match", ifNoneMatch.replace("SAME", etag)));
        assertEquals(status, response.status());
        assertEquals(etag, response.headers().get("ETag"));
        assertEquals("public, max-age=31536000", response.headers().get("Cache-Control"));
        if (status == 304) {
            assertEquals(0, response.body().length);
        }
    }

    @Test
    void withoutCorsThereAreNoCorsHeadersAndNoPreflight() {
        assertFalse(get(PLAIN, "/bird.jpg", "width=20", Map.of()).headers().containsKey("Access-Control-Allow-Origin"));
        assertEquals(405, PLAIN.handle(new HttpRequest("OPTIONS", "/bird.jpg", "", Map.of())).status());
    }

    @ParameterizedTest(name = "CORS for {0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            *                       | false
            https://www.example.com | true
            """)
    void corsWhenEnabled(String origin, boolean varies) {
        ImageService service = service(Map.of("CORS_ENABLED", "true", "CORS_ORIGIN", origin));
        HttpResponse image = get(service, "/bird.jpg", "width=20", Map.of("Origin", "https://www.example.com"));
        HttpResponse error = get(service, "/missing.jpg", "", Map.of());
        HttpResponse preflight = service.handle(new HttpRequest("OPTIONS", "/bird.jpg", "", Map.of()));
        assertEquals(origin, image.headers().get("Access-Control-Allow-Origin"));
        assertEquals(origin, error.headers().get("Access-Control-Allow-Origin"));
        assertEquals(404, error.status());
        assertEquals(204, preflight.status());
        assertEquals("GET, HEAD, OPTIONS", preflight.headers().get("Access-Control-Allow-Methods"));
        assertEquals(origin, preflight.headers().get("Access-Control-Allow-Origin"));
        assertEquals(varies, "Origin".equals(image.headers().get("Vary")));
    }

    @ParameterizedTest(name = "{0} -> {1} with the fallback image")
    @CsvSource(delimiterString = " | ", textBlock = """
            /missing.jpg          | 404
            /bird.jpg?width=abc   | 400
            /image/other/a.jpg    | 403
            """)
    void errorsCanAnswerWithTheFallbackImage(String url, int status) {
        ImageService service = service(Map.of("FALLBACK_IMAGE", "logo.png"));
        HttpResponse response = service.handle(Urls.get(url));
        assertEquals(status, response.status());
        assertEquals("image/png", response.contentType());
        assertEquals("public, max-age=60", response.headers().get("Cache-Control"));
        assertEquals(200, TestImages.decode(response.body()).getWidth());
    }

    @Test
    void aMissingFallbackLeavesTheJsonError() {
        HttpResponse response = get(service(Map.of("FALLBACK_IMAGE", "nope.png")), "/missing.jpg", "", Map.of());
        assertEquals(404, response.status());
        assertEquals("application/json", response.contentType());
    }

    @ParameterizedTest(name = "AUTO_FORMAT: {0} with Accept {1} -> {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /bird.jpg?width=100                       | image/avif,image/webp,*/* | image/webp
            /bird.jpg?width=100                       | image/png,*/*             | image/jpeg
            /bird.jpg?width=100&format=png            | image/webp,*/*            | image/png
            /unsafe/100x100/filters:format(jpg)/bird.jpg | image/webp            | image/jpeg
            /mars-alpha.png?width=100                 | image/webp                | image/webp
            """)
    void autoFormatFollowsAcceptUnlessAFormatIsNamed(String url, String accept, String type) {
        ImageService service = service(Map.of("AUTO_FORMAT", "true"));
        HttpResponse response = service.handle(Urls.get(url, Map.of("Accept", accept)));
        assertEquals(200, response.status());
        assertEquals(type, response.contentType());
        assertEquals("Accept", response.headers().get("Vary"));
        HttpResponse plain = service.handle(Urls.get(url));
        if (!type.equals(plain.contentType())) {
            assertNotEquals(response.headers().get("ETag"), plain.headers().get("ETag"));
        }
        assertFalse(get(PLAIN, "/bird.jpg", "width=10", Map.of("Accept", "image/webp")).headers()
                .containsKey("Vary"));
    }

    /**
     * libvips found but not loadable (on Lambda, a runtime image without libstdc++): AVIF is off as if it were absent.
     * Browsers that accept AVIF get WebP, a URL naming AVIF gets a 400 saying it cannot be written, an AVIF source a
     * 415; nothing fails.
     */
    @ParameterizedTest(name = "AVIF unavailable: {0} with Accept {1} -> {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /bird.jpg?width=100             | image/avif,image/webp,*/* | 200 | image/webp
            /bird.jpg?width=100&format=avif | image/avif                | 400 | application/json
            """)
    void anAvifCodecThatCannotLoadTurnsAvifOff(String url, String accept, int status, String type) {
        AvifCodec unloadable = new AvifCodec() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String description() {
                return "libvips that does not load";
            }

            @Override
            public dev.pictor.plan.SourceInfo probe(byte[] avif) {
                throw ImageException.unsupported("CodecUnavailable", "AVIF is not available");
            }

            @Override
            public java.awt.image.BufferedImage decode(byte[] avif) {
                throw ImageException.unsupported("CodecUnavailable", "AVIF is not available");
            }

            @Override
            public byte[] encode(java.awt.image.BufferedImage image, int quality) {
                throw new AssertionError("AVIF must not be chosen when its codec is unavailable");
            }
        };
        ImageService service = new ImageService(Config.fromEnvironment(Map.of("AUTO_FORMAT", "true")),
                new LocalFolderStore(TestImages.samplesRoot()), new Java2dEngine(java.util.Optional.empty(),
                java.util.Optional.of(unloadable), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()));
        HttpResponse response = service.handle(Urls.get(url, Map.of("Accept", accept)));
        assertEquals(status, response.status(), new String(response.body()));
        assertEquals(type, response.contentType());
    }

    /** After a change of the settings that fill in a URL's gaps, a revalidating cache gets the new bytes, not a 304. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            DEFAULT_QUALITY=80 | DEFAULT_QUALITY=30
            AUTO_FORMAT=false  | AUTO_FORMAT=true
            """)
    void anAnswersEtagChangesWithTheSettingsThatMadeIt(String before, String after) {
        ImageService first = service(Map.of(before.split("=")[0], before.split("=")[1]));
        ImageService second = service(Map.of(after.split("=")[0], after.split("=")[1]));
        String etag = get(first, "/bird.jpg", "width=200", Map.of()).headers().get("ETag");
        HttpResponse revalidated = get(second, "/bird.jpg", "width=200", Map.of("If-None-Match", etag));
        assertEquals(200, revalidated.status());
        assertNotEquals(etag, revalidated.headers().get("ETag"));
        assertEquals(304, get(first, "/bird.jpg", "width=200", Map.of("If-None-Match", etag)).status());
    }

    @Test
    void maxAgeFilterSetsTheCacheLifetime() {
        HttpResponse response = get(PLAIN, "/unsafe/100x100/filters:max_age(300)/bird.jpg", "", Map.of());
        assertEquals(200, response.status());
        assertEquals("public, max-age=300", response.headers().get("Cache-Control"));
    }

    @Test
    void notModifiedOverTheWire() throws Exception {
        try (LocalServer server = LocalServer.start(0, PLAIN)) {
            var client = java.net.http.HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/unsafe/64x64/bird.jpg");
            var first = client.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            var second = client.send(java.net.http.HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, second.statusCode());
            assertEquals(0, second.body().length);
            assertEquals(etag, second.headers().firstValue("ETag").orElseThrow());
        }
    }
}

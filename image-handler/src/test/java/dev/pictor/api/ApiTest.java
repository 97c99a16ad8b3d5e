package dev.pictor.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.config.Config;
import dev.pictor.wiring.Services;
import dev.pictor.local.LocalServer;
import dev.pictor.metadata.ImageIds;
import dev.pictor.testing.Forms;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The REST API over HTTP on the local server (under /api), on a folder of images with its file metadata store. */
class ApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Path root;
    static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("pictor-api-");
        Files.createDirectories(root.resolve("images"));
        Files.write(root.resolve("images/bird.jpg"), TestImages.sample("bird.jpg"));
        Config config = Config.fromEnvironment(Map.of("IMAGES_DIR", root.toString(), "MAX_SOURCE_BYTES", "250000"));
        Services.Parts parts = Services.parts(config);
        var uploads = Services.uploadProcessor(parts);
        server = LocalServer.start(0, Services.imageService(parts), Optional.of(Services.api(parts, uploads)),
                Optional.empty(),
                config.maxSourceBytes() + (1 << 20), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(String method, String path, Forms.Body body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body.bytes().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (!body.contentType().isEmpty()) {
            request.header("Content-Type", body.contentType());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/api-requests.csv", delimiterString = " | ", numLinesToSkip = 1, quoteCharacter = '`')
    void answersEachRequest(String name, String method, String path, String body, int status, String contentType,
                            String expected) throws Exception {
        HttpResponse<byte[]> response = send(method, "/api" + path, Forms.body(body));
        String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), text);
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        if (contentType.startsWith("image/")) {
            BufferedImage image = TestImages.decode(response.body());
            assertEquals(expected, image.getWidth() + "x" + image.getHeight());
        } else {
            JsonNode error = JSON.readTree(response.body());
            assertEquals(status, error.get("status").asInt());
            assertEquals(expected, error.get("code").asText(), text);
            assertFalse(error.get("message").asText().isBlank());
        }
        if (status == 405) {
            assertTrue(response.headers().firstValue("Allow").isPresent());
        }
    }

    @Test
    void anUploadIsStoredMadeIntoVariantsAndDescribed() throws Exception {
        HttpResponse<byte[]> created = send("POST", "/api/upload", Forms.body("form:file=@interior-portrait.jpg"));
        assertEquals(201, created.statusCode(), new String(created.body()));
        JsonNode record = JSON.readTree(created.body());
        String id = record.get("id").asText();
        assertEquals(ImageIds.of("images", "uploads/interior-portrait.jpg"), id);
        assertEquals("info/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("done", record.get("status").asText());
        assertEquals(640, record.get("width").asInt());
        assertEquals(959, record.get("height").asInt());
        assertEquals("jpg", record.get("format").asText());
        assertArrayEquals(TestImages.sample("interior-portrait.jpg"),
                Files.readAllBytes(root.resolve("images/uploads/interior-portrait.jpg")));
        assertEquals(List.of("thumb", "medium", "large"), record.get("variants").findValuesAsText("suffix"));
        for (JsonNode variant : record.get("variants")) {
            String url = variant.get("url").asText();
            assertTrue(url.startsWith(base() + "/image/processed/processed/interior-portrait-"), url);
            HttpResponse<byte[]> image = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, image.statusCode(), url);
            BufferedImage decoded = TestImages.decode(image.body());
            assertEquals(variant.get("width").asInt() + "x" + variant.get("height").asInt(),
                    decoded.getWidth() + "x" + decoded.getHeight());
        }
        HttpResponse<byte[]> info = send("GET", "/api/info/" + id, Forms.body("-"));
        assertEquals(200, info.statusCode());
        JsonNode described = JSON.readTree(info.body());
        assertEquals(record.get("variants"), described.get("variants"));
        assertEquals("uploads/interior-portrait.jpg", described.get("key").asText());
        assertEquals(0, described.get("accessCount").asInt());

        // Served through image URLs, the original's accesses are counted, off the response path and in batches.
        for (String url : List.of("/uploads/interior-portrait.jpg?width=100", "/uploads/interior-portrait.jpg",
                "/unsafe/50x50/uploads/interior-portrait.jpg")) {
            assertEquals(200, send("GET", url, Forms.body("-")).statusCode(), url);
        }
        int counted = 0;
        for (int i = 0; i < 200 && counted < 3; i++) {
            Thread.sleep(50);
            counted = JSON.readTree(send("GET", "/api/info/" + id, Forms.body("-")).body()).get("accessCount").asInt();
        }
        assertEquals(3, counted);
        assertTrue(JSON.readTree(send("GET", "/api/info/" + id, Forms.body("-")).body()).has("lastAccess"));
    }

    @Test
    void anUploadNeverReplacesAnOriginal() throws Exception {
        byte[] first = TestImages.sample("nebula.png");
        HttpResponse<byte[]> one = send("POST", "/api/upload", Forms.body("form:file=@nebula.png"));
        HttpResponse<byte[]> two = send("POST", "/api/upload", Forms.body("form:file=@logo.png"));
        assertEquals(201, one.statusCode());
        assertEquals(201, two.statusCode());
        assertEquals("uploads/nebula.png", JSON.readTree(one.body()).get("key").asText());
        // logo.png arrives under another name: the form's file name is the sample's own, so make them collide.
        Forms.Body renamed = new Forms.Body(new String(Forms.body("form:file=@logo.png").bytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1).replace("filename=\"logo.png\"", "filename=\"nebula.png\"")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), Forms.body("form:file=@logo.png").contentType());
        HttpResponse<byte[]> clash = send("POST", "/api/upload", renamed);
        assertEquals(201, clash.statusCode());
        assertEquals("uploads/nebula-2.png", JSON.readTree(clash.body()).get("key").asText());
        assertArrayEquals(first, Files.readAllBytes(root.resolve("images/uploads/nebula.png")));
    }

    @Test
    void aLargeFileGoesThroughAnUploadUrl() throws Exception {
        byte[] photo = TestImages.sample("dandelions.jpg");
        HttpResponse<byte[]> answer = send("POST", "/api/upload-url", Forms.body("json:{\"filename\":\"big photo.jpg\","
                + "\"contentType\":\"image/jpeg\",\"bytes\":" + photo.length + "}"));
        assertEquals(200, answer.statusCode(), new String(answer.body()));
        JsonNode target = JSON.readTree(answer.body());
        assertEquals("uploads/big photo.jpg", target.get("key").asText());
        assertEquals("PUT", target.get("method").asText());
        URI url = URI.create(target.get("url").asText());
        assertTrue(url.toString().startsWith(base() + "/api/upload-target/"), url.toString());
        HttpRequest.Builder put = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
        target.get("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));

        HttpResponse<byte[]> wrongLength = CLIENT.send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).header("Content-Type", "image/jpeg").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, wrongLength.statusCode());

        HttpResponse<byte[]> stored = CLIENT.send(put.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, stored.statusCode(), new String(stored.body()));
        assertEquals("done", JSON.readTree(stored.body()).get("status").asText());
        assertArrayEquals(photo, Files.readAllBytes(root.resolve("images/uploads/big photo.jpg")));

        HttpResponse<byte[]> again = CLIENT.send(put.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(412, again.statusCode(), "a used URL cannot overwrite what it uploaded");
        assertArrayEquals(photo, Files.readAllBytes(root.resolve("images/uploads/big photo.jpg")));
    }

    static Forms.Body named(String sample, String filename) {
        Forms.Body body = Forms.body("form:file=@" + sample);
        String text = new String(body.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("filename=\"" + sample + "\"", "filename=\"" + filename + "\"");
        return new Forms.Body(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), body.contentType());
    }

    static JsonNode created(Forms.Body body) throws Exception {
        HttpResponse<byte[]> response = send("POST", "/api/upload", body);
        assertEquals(201, response.statusCode(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    /** Originals whose names differ only after the stem keep variants of their own. */
    @Test
    void everyOriginalKeepsItsOwnVariants() throws Exception {
        JsonNode jpg = created(named("bird.jpg", "stem.jpg"));
        byte[] thumb = Files.readAllBytes(root.resolve("processed/processed/stem-thumb.jpg"));
        for (String other : List.of("stem.jpeg", "stem.JPG", "stem")) {
            JsonNode record = created(named("dandelions.jpg", other));
            for (JsonNode variant : record.get("variants")) {
                assertFalse(jpg.get("variants").findValuesAsText("key").contains(variant.get("key").asText()),
                        other + " took " + variant.get("key"));
            }
        }
        assertArrayEquals(thumb, Files.readAllBytes(root.resolve("processed/processed/stem-thumb.jpg")));
    }

    @ParameterizedTest(name = "a file named {0} is stored as {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " | ", textBlock = """
            uploads/noext  | uploads/noext.jpg
            uploads/a/     | uploads/upload.jpg
            ../../etc/x.jpg | uploads/x.jpg
            .pictor        | uploads/pictor.jpg
            """)
    void clientFileNamesAreAlwaysCleaned(String filename, String key) throws Exception {
        assertEquals(key, created(named("bird.jpg", filename)).get("key").asText().replaceAll("-[0-9a-f]{8}\\.|-[23]\\.", "."));
    }

    @Test
    void aVeryLongFileNameIsShortenedNotFatal() throws Exception {
        JsonNode record = created(named("bird.jpg", "x".repeat(3000) + ".jpg"));
        assertTrue(record.get("key").asText().length() <= "uploads/".length() + 200 + 9, record.get("key").asText());
    }

    /** A common name (image.jpg) uploaded again and again always finds a free name, and nothing is replaced. */
    @Test
    void aCommonNameNeverRunsOut() throws Exception {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            keys.add(created(named("logo.png", "common.png")).get("key").asText());
        }
        assertEquals(8, keys.size(), keys.toString());
    }

    @Test
    void headOfInfoAnnouncesTheLengthOfItsGet() throws Exception {
        String id = created(named("logo.png", "head.png")).get("id").asText();
        HttpResponse<byte[]> get = send("GET", "/api/info/" + id, Forms.body("-"));
        HttpResponse<byte[]> head = send("HEAD", "/api/info/" + id, Forms.body("-"));
        assertEquals(200, head.statusCode());
        assertEquals(Integer.toString(get.body().length), head.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    void anUploadUrlTakesOnlyTheTypeItWasMadeFor() throws Exception {
        JsonNode target = JSON.readTree(send("POST", "/api/upload-url", Forms.body("json:{\"filename\":\"t.png\","
                + "\"contentType\":\"image/png\",\"bytes\":" + TestImages.sample("bird.jpg").length + "}")).body());
        HttpResponse<byte[]> put = CLIENT.send(HttpRequest.newBuilder(URI.create(target.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(TestImages.sample("bird.jpg")))
                .header("Content-Type", "image/png").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(415, put.statusCode(), new String(put.body()));
        assertFalse(Files.exists(root.resolve("images/uploads/t.png")));
    }

    /** A chunked body that breaks off is answered with JSON, not left hanging. */
    @Test
    void aMalformedChunkedBodyGetsAnAnswer() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                    + "boundary=b\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(400), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("MalformedBody"), answer);
        }
    }

    /** On Lambda an answer carries at most 4.5 MB of image: a larger one is a 413, never a failed invocation. */
    @Test
    void aTransformLargerThanAnAnswerCanCarryIs413() throws Exception {
        Config config = Config.fromEnvironment(Map.of("IMAGES_DIR", root.toString()));
        Services.Parts parts = Services.parts(config);
        ApiService small = new ApiService(config, parts.store(), parts.renderer(), Services.uploadProcessor(parts),
                parts.metadata(), new LocalUploadUrls(java.time.Clock.systemUTC()), java.time.Clock.systemUTC(), 5000);
        Forms.Body body = Forms.body("form:file=@bird.jpg,width=600");
        dev.pictor.http.HttpResponse response = small.handle(new dev.pictor.http.HttpRequest("POST", "/transform", "",
                Map.of("Content-Type", body.contentType()), body.bytes()));
        assertEquals(413, response.status());
        assertTrue(new String(response.body()).contains("ResultTooLarge"));
    }
}

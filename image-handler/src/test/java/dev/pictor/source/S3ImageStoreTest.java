package dev.pictor.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.error.ImageException;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.wiring.Services;
import dev.pictor.testing.CountingEngine;
import dev.pictor.testing.S3Server;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/** Originals read from a real S3-compatible server (S3Proxy, in memory) on 127.0.0.1, through the AWS SDK. */
class S3ImageStoreTest {

    static S3Server server;
    static Config config;
    static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        server = S3Server.start("photos", "avatars", "private", "results");
        config = Config.fromEnvironment(Map.of("S3_ENDPOINT", server.endpoint(), "SOURCE_BUCKETS", "photos,avatars"));
        client = Services.s3(config);
        server.put("photos", "bird.jpg", TestImages.sample("bird.jpg"));
        server.put("photos", "dir/logo.png", TestImages.sample("logo.png"));
        server.put("avatars", "me.png", TestImages.sample("nebula.png"));
        server.put("private", "secret.jpg", TestImages.sample("bird.jpg"));
        server.put("photos", "text.jpg", TestImages.fixture("not-an-image.jpg"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Originals are written only where no object is: S3's conditional write, If-None-Match: *. */
    @Test
    void writesListsAndNeverReplacesWithPutNew() {
        S3ImageStore store = new S3ImageStore(client);
        assertEquals(java.util.Optional.of("uploads/new.png"), store.putNew("photos", java.util.List.of(
                "uploads/new.png"), TestImages.sample("logo.png"), "image/png"));
        assertEquals(java.util.Optional.empty(), store.putNew("photos", java.util.List.of("uploads/new.png"),
                TestImages.sample("nebula.png"), "image/png"));
        assertEquals(java.util.Optional.of("uploads/new-2.png"), store.putNew("photos", java.util.List.of(
                "uploads/new.png", "uploads/new-2.png"), TestImages.sample("nebula.png"), "image/png"));
        assertArrayEquals(TestImages.sample("logo.png"), server.get("photos", "uploads/new.png"));
        store.put("photos", "uploads/new.png", TestImages.sample("nebula.png"), "image/png");
        assertArrayEquals(TestImages.sample("nebula.png"), server.get("photos", "uploads/new.png"));
        assertEquals(TestImages.sample("nebula.png").length, store.head("photos", "uploads/new.png").orElseThrow().bytes());
        assertTrue(store.head("photos", "uploads/none.png").isEmpty());
        assertEquals(java.util.List.of("uploads/new-2.png", "uploads/new.png"), store.list("photos", "uploads/"));
    }

    @Test
    void readsObjectsWithTheirEtagAndDate() {
        StoredObject object = new S3ImageStore(client).get("photos", "bird.jpg", 10_000_000);
        assertArrayEquals(TestImages.sample("bird.jpg"), object.bytes());
        assertTrue(object.etag().isPresent());
        assertTrue(object.lastModified().isPresent());
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            photos  | missing.jpg  | 404
            nowhere | bird.jpg     | 404
            photos  | ../bird.jpg  | 400
            """)
    void missingAndBadKeys(String bucket, String key, int status) {
        ImageException error = assertThrows(ImageException.class,
                () -> new S3ImageStore(client).get(bucket, key, 10_000_000));
        assertEquals(status, error.status());
    }

    @Test
    void refusesObjectsOverTheLimitWithoutReadingThem() {
        ImageException error = assertThrows(ImageException.class,
                () -> new S3ImageStore(client).get("photos", "bird.jpg", 1000));
        assertEquals(413, error.status());
    }

    /** An 18 MB result (3000x2000 BMP) on a Lambda-sized response limit: stored, redirected to, found again. */
    @Test
    void resultsOverTheResponseLimitAreStoredAndRedirectedTo() throws Exception {
        CountingEngine engine = new CountingEngine(new Java2dEngine());
        ImageService lambdaLike = new ImageService(config, Services.source(config), engine,
                Optional.of(new S3ResultStore(client, Services.presigner(config), "results", Duration.ofHours(1))),
                Services.LAMBDA_INLINE_BYTES);
        HttpRequest request = HttpRequest.get("/unsafe/3000x2000/filters:format(bmp)/bird.jpg", "");
        HttpResponse first = lambdaLike.handle(request);
        assertEquals(302, first.status());
        String location = first.headers().get("Location");
        var stored = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(location)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, stored.statusCode());
        assertTrue(stored.body().length > 6 * 1024 * 1024, "result is " + stored.body().length + " bytes");
        assertEquals(3000, TestImages.decode(stored.body()).getWidth());
        HttpResponse again = lambdaLike.handle(request);
        assertEquals(302, again.status());
        assertEquals(1, engine.renders(), "the second request found the stored result");
        assertEquals(first.headers().get("ETag"), again.headers().get("ETag"));
        HttpResponse small = lambdaLike.handle(HttpRequest.get("/unsafe/300x200/bird.jpg", ""));
        assertEquals(200, small.status());
    }

    /** CloudFront revalidating after its TTL: the 304 comes from a HEAD, and no GetObject reads the original. */
    @Test
    void aRevalidationReadsNoObjectBytes() {
        java.util.List<String> operations = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        S3Client counted = S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(URI.create(server.endpoint())).forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor
                        .ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution
                                                        context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(software.amazon.awssdk.core.interceptor
                                .SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
        ImageService service = new ImageService(config, new S3ImageStore(counted), new Java2dEngine());
        HttpResponse first = service.handle(HttpRequest.get("/unsafe/200x100/bird.jpg", ""));
        assertEquals(200, first.status());
        operations.clear();

        HttpResponse again = service.handle(new HttpRequest("GET", "/unsafe/200x100/bird.jpg", "",
                Map.of("If-None-Match", first.headers().get("ETag"))));

        assertEquals(304, again.status());
        assertEquals(first.headers().get("ETag"), again.headers().get("ETag"));
        assertEquals(java.util.List.of("HeadObject"), operations);
        HttpResponse changed = service.handle(new HttpRequest("GET", "/unsafe/200x100/bird.jpg", "",
                Map.of("If-None-Match", "\"something-else\"")));
        assertEquals(200, changed.status());
        assertTrue(operations.contains("GetObject"), operations.toString());
    }

    @Test
    void withoutAStoreAnOversizedResultIs413() {
        ImageService noStore = new ImageService(config, Services.source(config), new Java2dEngine(),
                Optional.empty(), Services.LAMBDA_INLINE_BYTES);
        assertEquals(413, noStore.handle(HttpRequest.get("/unsafe/3000x2000/filters:format(bmp)/bird.jpg", ""))
                .status());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /unsafe/300x200/bird.jpg                                          | 200 | image/jpeg
            /bird.jpg?width=120&format=webp                                   | 200 | image/webp
            /image/avatars/me.png?width=64                                    | 200 | image/png
            /s3:avatars/fit-in/32x32/me.png                                   | 200 | image/png
            /unsafe/200x100/filters:watermark(dir/logo.png,-5,-5,20)/bird.jpg | 200 | image/jpeg
            /image/private/secret.jpg?width=10                                | 403 | application/json
            /unsafe/100x100/missing.jpg                                       | 404 | application/json
            /text.jpg?width=10                                                | 415 | application/json
            """)
    void servesFromS3(String url, int status, String type) {
        ImageService service = new ImageService(config, Services.source(config), new Java2dEngine());
        HttpResponse response = service.handle(Urls.get(url));
        assertEquals(status, response.status(), new String(response.body()));
        assertEquals(type, response.contentType());
    }
}

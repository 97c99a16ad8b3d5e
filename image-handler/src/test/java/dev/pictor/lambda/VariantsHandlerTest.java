package dev.pictor.lambda;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.pictor.config.Config;
import dev.pictor.wiring.Services;
import dev.pictor.metadata.DynamoMetadataStore;
import dev.pictor.metadata.ImageIds;
import dev.pictor.testing.Dynalite;
import dev.pictor.testing.S3Server;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pre-generation function fed S3 event documents as S3 sends them (keys URL-encoded), against a real
 * S3-compatible server (S3Proxy) and a real DynamoDB-compatible engine (dynalite), both on 127.0.0.1.
 */
class VariantsHandlerTest {

    private static final String TABLE = "pictor-images";
    private static final String UPLOAD = "uploads/My Photo é.jpg";

    static S3Server s3;
    static Dynalite dynamo;
    static DynamoDbClient dynamoClient;

    @BeforeAll
    static void start() throws Exception {
        dynamo = Dynalite.start();
        s3 = S3Server.start("photos", "processed");
        Config config = config(Map.of());
        dynamoClient = Services.dynamoDb(config);
        new DynamoMetadataStore(dynamoClient, TABLE).createTable();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    static Config config(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("S3_ENDPOINT", s3.endpoint(), "SOURCE_BUCKETS", "photos",
                "PROCESSED_BUCKET", "processed", "METADATA_TABLE", TABLE, "DYNAMODB_ENDPOINT", dynamo.endpoint()));
        env.putAll(more);
        return Config.fromEnvironment(env);
    }

    static VariantsHandler handler(Config config) {
        return new VariantsHandler(Services.uploadProcessor(Services.parts(config)));
    }

    static S3Event event(String name) {
        return EventLoader.loadS3Event("events/" + name);
    }

    static Map<String, AttributeValue> item(String bucket, String key) {
        return dynamoClient.getItem(b -> b.tableName(TABLE)
                .key(Map.of("id", AttributeValue.fromS(ImageIds.of(bucket, key))))).item();
    }

    @Test
    void anUploadBecomesItsThreeVariantsAndAMetadataItem() {
        byte[] original = TestImages.fixture("dated.jpg");
        s3.put("photos", UPLOAD, original);
        String outcome = handler(config(Map.of())).handleRequest(event("s3-put-my-photo.json"), null);
        assertTrue(outcome.startsWith("done " + UPLOAD), outcome);
        record Expected(String key, int width, int height) {
        }
        List<Expected> expected = List.of(new Expected("processed/My Photo é-thumb.jpg", 100, 100),
                new Expected("processed/My Photo é-medium.jpg", 500, 500),
                new Expected("processed/My Photo é-large.jpg", 1024, 1024));
        assertAll(expected.stream().map(e -> (Executable) () -> {
            BufferedImage variant = TestImages.decode(s3.get("processed", e.key()));
            assertEquals(e.width() + "x" + e.height(), variant.getWidth() + "x" + variant.getHeight(), e.key());
        }));
        assertArrayEquals(original, s3.get("photos", UPLOAD), "the original is untouched");

        Map<String, AttributeValue> item = item("photos", UPLOAD);
        assertEquals("done", item.get("status").s());
        assertEquals("photos", item.get("bucket").s());
        assertEquals(UPLOAD, item.get("key").s());
        assertEquals("1280", item.get("width").n());
        assertEquals("720", item.get("height").n());
        assertEquals("jpg", item.get("format").s());
        assertEquals(Integer.toString(original.length), item.get("bytes").n());
        assertEquals("2021-06-15T14:30:05+02:00", item.get("captureDate").s());
        List<AttributeValue> variants = item.get("variants").l();
        assertEquals(List.of("processed/My Photo é-thumb.jpg", "processed/My Photo é-medium.jpg",
                "processed/My Photo é-large.jpg"), variants.stream().map(v -> v.m().get("key").s()).toList());
        assertEquals("100", variants.getFirst().m().get("width").n());
        assertTrue(item.containsKey("created") && item.containsKey("updated"));

        // Delivered again (S3 and Lambda deliver at least once): nothing is made or changed twice.
        String updated = item.get("updated").s();
        String again = handler(config(Map.of())).handleRequest(event("s3-put-my-photo.json"), null);
        assertTrue(again.startsWith("skipped " + UPLOAD + ": already done"), again);
        assertEquals(updated, item("photos", UPLOAD).get("updated").s());
    }

    @Test
    void aCorruptUploadIsRecordedAsFailedNotRetriedAndKept() {
        byte[] corrupt = TestImages.fixture("not-an-image.jpg");
        s3.put("photos", "uploads/broken.jpg", corrupt);
        String outcome = handler(config(Map.of())).handleRequest(event("s3-put-corrupt.json"), null);
        assertTrue(outcome.startsWith("failed uploads/broken.jpg"), outcome);
        Map<String, AttributeValue> item = item("photos", "uploads/broken.jpg");
        assertEquals("failed", item.get("status").s());
        assertTrue(item.get("failure").s().contains("not an image"), item.get("failure").s());
        assertArrayEquals(corrupt, s3.get("photos", "uploads/broken.jpg"));
        assertFalse(s3.exists("processed", "processed/broken-thumb.jpg"));
        String again = handler(config(Map.of())).handleRequest(event("s3-put-corrupt.json"), null);
        assertTrue(again.startsWith("skipped uploads/broken.jpg: already failed"), again);
    }

    @Test
    void removalsAndKeysOutsideUploadsAreLeftAlone() {
        s3.put("photos", "elsewhere/not-an-upload.jpg", TestImages.sample("bird.jpg"));
        String outcome = handler(config(Map.of())).handleRequest(event("s3-ignored.json"), null);
        assertEquals("skipped elsewhere/not-an-upload.jpg: not an image under uploads/", outcome);
        assertFalse(s3.exists("processed", "processed/not-an-upload-thumb.jpg"));
    }

    @Test
    void variantsComeFromTheConfiguration() {
        s3.put("photos", UPLOAD, TestImages.sample("bird.jpg"));
        Config config = config(Map.of("VARIANTS", """
                [{"width":200,"height":200,"grayscale":true,"suffix":"bw"},
                 {"width":300,"format":"webp","suffix":"w300"}]"""));
        String outcome = handler(config).handleRequest(event("s3-put-my-photo.json"), null);
        assertTrue(outcome.startsWith("done"), outcome);
        BufferedImage bw = TestImages.decode(s3.get("processed", "processed/My Photo é-bw.jpg"));
        assertEquals("200x200", bw.getWidth() + "x" + bw.getHeight());
        for (int y = 0; y < bw.getHeight(); y += 17) {
            for (int x = 0; x < bw.getWidth(); x += 13) {
                int p = bw.getRGB(x, y);
                int r = p >> 16 & 0xFF;
                int g = p >> 8 & 0xFF;
                int b = p & 0xFF;
                assertTrue(Math.abs(r - g) <= 3 && Math.abs(g - b) <= 3, "grey at " + x + "," + y);
            }
        }
        BufferedImage webp = TestImages.decode(s3.get("processed",
                dev.pictor.variants.UploadProcessor.variantKey(UPLOAD, "w300", "webp")));
        assertEquals("300x169", webp.getWidth() + "x" + webp.getHeight());
    }

    /** A key S3 allows but this service does not read is skipped for good, not retried until the dead-letter queue. */
    @Test
    void aKeyThisServiceCannotReadIsSkippedNotRetried() {
        String outcome = handler(config(Map.of())).handleRequest(event("s3-put-unreadable-key.json"), null);
        assertTrue(outcome.startsWith("skipped uploads/back\\slash.jpg"), outcome);
    }

    /** S3 unreachable: the invocation fails, so that Lambda delivers the event again. */
    @Test
    void storageThatFailsForNowFailsTheInvocation() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Config unreachable = config(Map.of("S3_ENDPOINT", "http://127.0.0.1:" + closed));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> handler(unreachable).handleRequest(event("s3-put-my-photo.json"), null));
        assertTrue(error.getMessage().contains("retry " + UPLOAD), error.getMessage());
    }
}

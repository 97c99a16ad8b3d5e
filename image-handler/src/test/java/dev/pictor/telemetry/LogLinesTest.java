package dev.pictor.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.ImageService;
import dev.pictor.lambda.ImageHandler;
import dev.pictor.lambda.VariantsHandler;
import dev.pictor.wiring.Services;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.pictor.source.ImageSource;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a request leaves in the logs, read as CloudWatch would: JSON lines, each carrying Lambda's request id (the
 * same one the answer's X-Request-Id names), one access line per request with its outcome, and in that line the
 * request's metrics as Embedded Metric Format; a signature never written down, a failure's stack only in the log.
 */
class LogLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalFolderStore SAMPLES = new LocalFolderStore(TestImages.samplesRoot());
    private static final ImageSource BROKEN = (bucket, key, maxBytes) -> {
        throw new IllegalStateException("storage exploded: secret-internal-detail");
    };
    private static final Map<String, ImageHandler> HANDLERS = Map.of(
            "open", new ImageHandler(new ImageService(Config.fromEnvironment(Map.of()), SAMPLES, new Java2dEngine())),
            "signed", new ImageHandler(new ImageService(Config.fromEnvironment(Map.of("SECURITY_KEYS", "key")),
                    SAMPLES, new Java2dEngine())),
            "broken", new ImageHandler(new ImageService(Config.fromEnvironment(Map.of()), BROKEN,
                    new Java2dEngine())));

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final Logs.Json format = new Logs.Json();

        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(format.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger pictor = Logger.getLogger("dev.pictor");

    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = pictor.getLevel();
        capture.setLevel(Level.ALL);
        pictor.setLevel(Level.INFO);
        pictor.setUseParentHandlers(false);
        pictor.addHandler(capture);
    }

    @AfterEach
    void stop() {
        pictor.removeHandler(capture);
        pictor.setUseParentHandlers(true);
        pictor.setLevel(levelBefore);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", nullValues = "-", textBlock = """
            a render is timed                    | open   | /unsafe/300x200/dandelions.jpg                       | 200 | rendered | -
            an original is sent as it is         | open   | /dandelions.jpg                                      | 200 | original | -
            a bad parameter names its code       | open   | /dandelions.jpg?width=abc                            | 400 | -        | InvalidParameter
            a missing image is a 404             | open   | /missing.jpg                                         | 404 | -        | NotFound
            an unsigned URL counts as refused    | signed | /unsafe/300x200/dandelions.jpg                       | 403 | -        | SignatureRequired
            a wrong signature is not written     | signed | /AAAAAAAAAAAAAAAAAAAAAAAAAAA=/300x200/dandelions.jpg | 403 | -        | SignatureDoesNotMatch
            a bug logs its stack under the id    | broken | /dandelions.jpg                                      | 500 | -        | InternalError
            """)
    void everyRequestLeavesOneAccessLine(String name, String service, String url, int status, String answer,
                                         String code) {
        String requestId = "req-" + Integer.toHexString(name.hashCode());
        APIGatewayV2HTTPResponse response = HANDLERS.get(service).handleRequest(event(url), context(requestId));

        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(requestId, response.getHeaders().get("X-Request-Id"));
        List<JsonNode> logged = logged();
        assertTrue(logged.stream().allMatch(line -> line.path("requestId").asText().equals(requestId)), lines::toString);
        List<JsonNode> access = logged.stream().filter(line -> line.path("logger").asText().equals("access")).toList();
        assertEquals(1, access.size(), lines::toString);
        JsonNode line = access.getFirst();
        assertEquals("GET", line.path("method").asText());
        assertEquals(status, line.path("status").asInt());
        assertEquals(code == null ? "" : code, line.path("code").asText(), line::toString);
        if (answer != null) {
            assertEquals(answer, line.path("answer").asText());
            assertEquals("jpeg", line.path("format").asText());
            assertTrue(line.path("bytes").asLong() > 0);
            assertEquals(103950, line.path("sourceBytes").asLong());
        }
        assertFalse(line.toString().contains("AAAAAAAAAAAAAAAAAAAAAAAAAAA="), "a signature in the log: " + line);
        assertEmf(line, Set.of("Requests", "Latency", "BytesOut"));
        assertEquals(status / 100 + "xx", line.path("StatusClass").asText());
        if ("rendered".equals(answer)) {
            assertTrue(line.path("sourcePixels").asLong() == 1280 * 720, line::toString);
            assertTrue(line.path("decodeMs").asLong() + line.path("renderMs").asLong()
                    + line.path("encodeMs").asLong() > 0, line::toString);
            assertEmf(line, Set.of("RenderTime", "SourceBytes"));
        }
        if (code != null && code.startsWith("Signature")) {
            assertEmf(line, Set.of("SignatureFailures"));
        }
        if (status == 500) {
            assertFalse(response.getBody().contains("secret-internal-detail"), response.getBody());
            assertTrue(response.getBody().contains(requestId), response.getBody());
            assertTrue(logged.stream().anyMatch(l -> l.path("level").asText().equals("ERROR")
                    && l.path("stack").asText().contains("secret-internal-detail")), lines::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            an upload made into its variants     | s3-put-my-photo.json       | uploads/My Photo é.jpg | dated.jpg        | done    | 3
            a file that is no image fails once   | s3-put-corrupt.json        | uploads/broken.jpg     | not-an-image.jpg | failed  | 0
            a key this service cannot read skips | s3-put-unreadable-key.json | -                      | -                | skipped | 0
            """)
    void everyUploadLeavesOneLine(String name, String event, String key, String fixture, String outcome,
                                  int variants, @TempDir Path images) throws IOException {
        if (!key.equals("-")) {
            Path file = images.resolve("photos").resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, TestImages.fixture(fixture));
        }
        Config config = Config.fromEnvironment(Map.of("IMAGES_DIR", images.toString(), "SOURCE_BUCKETS", "photos"));
        VariantsHandler handler = new VariantsHandler(Services.uploadProcessor(Services.parts(config)));

        handler.handleRequest(EventLoader.loadS3Event("events/" + event), context("req-s3"));

        List<JsonNode> logged = logged();
        assertTrue(logged.stream().allMatch(line -> line.path("requestId").asText().equals("req-s3")), lines::toString);
        List<JsonNode> access = logged.stream().filter(line -> line.path("logger").asText().equals("access")).toList();
        assertEquals(1, access.size(), lines::toString);
        JsonNode line = access.getFirst();
        assertEquals(outcome, line.path("outcome").asText(), line::toString);
        assertEquals(variants, line.path("variants").asInt());
        assertEquals("variants", line.path("Function").asText());
        assertEmf(line, Set.of("VariantsGenerated", "VariantsFailed"));
        assertEquals(variants, line.path("VariantsGenerated").asInt());
        assertEquals(outcome.equals("failed") ? 1 : 0, line.path("VariantsFailed").asInt());
        if (outcome.equals("failed")) {
            assertFalse(line.path("reason").asText().isEmpty(), line::toString);
        }
    }

    /** The line is an EMF document naming these metrics, each a number among the line's own fields. */
    private static void assertEmf(JsonNode line, Set<String> metrics) {
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertEquals("Pictor", directive.path("Namespace").asText(), line::toString);
        assertTrue(line.path("_aws").path("Timestamp").isNumber());
        Set<String> named = new HashSet<>();
        directive.path("Metrics").forEach(metric -> named.add(metric.path("Name").asText()));
        assertTrue(named.containsAll(metrics), named + " lacks some of " + metrics);
        named.forEach(metric -> assertTrue(line.path(metric).isNumber(), metric + " in " + line));
        directive.path("Dimensions").path(0).forEach(dimension -> assertTrue(line.path(dimension.asText())
                .isTextual(), dimension + " in " + line));
    }

    private List<JsonNode> logged() {
        synchronized (lines) {
            return lines.stream().map(text -> {
                assertEquals(1, text.strip().lines().count(), "one line per record: " + text);
                try {
                    return JSON.readTree(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static APIGatewayV2HTTPEvent event(String url) {
        int q = url.indexOf('?');
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(q < 0 ? url : url.substring(0, q))
                .withRawQueryString(q < 0 ? "" : url.substring(q + 1))
                .withHeaders(Map.of("accept", "*/*"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                        .build())
                .build();
    }

    /** A Lambda context that knows its request id, as the runtime's does. */
    static Context context(String requestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getRemainingTimeInMillis" -> 30_000;
                    default -> null;
                });
    }
}

package dev.pictor.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.config.Setting;
import dev.pictor.testing.RuntimeApi;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The handlers run as Lambda runs them: the AWS Lambda Runtime Interface Client (the java runtime's own) in a child
 * JVM under Lambda's JIT flags, loading the handler by name, building it in its init phase, and taking events from a
 * Runtime API (here a small server in the test), so that handler loading, event deserialisation, the init phase, log
 * lines and error reporting are exercised as in production.
 */
class LambdaRuntimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Function> FUNCTIONS = new HashMap<>();
    @TempDir
    static Path work;

    /** One function: a Runtime API and the runtime taking events from it. */
    private record Function(RuntimeApi api, Process process, Path log) implements AutoCloseable {

        static Function start(String handler, Map<String, String> config, Path log) throws IOException {
            RuntimeApi api = RuntimeApi.start();
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_") || isSetting(name));
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "pictor-test");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/pictor-test");
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/01/[$LATEST]0123456789abcdef");
            env.put("AWS_REGION", "eu-west-1");
            env.putAll(config);
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new Function(api, builder.start(), log);
        }

        JsonNode invoke(String requestId, String event) throws Exception {
            RuntimeApi.Outcome outcome = api.invoke(requestId, event).get(60, TimeUnit.SECONDS);
            assertTrue(!outcome.error(), "the invocation failed: " + outcome.body() + "\n" + Files.readString(log));
            return JSON.readTree(outcome.body());
        }

        /** The JSON lines the function wrote for one request. */
        List<JsonNode> lines(String requestId) throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("{") && line.contains("\"" + requestId + "\"")) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            api.close();
        }
    }

    /** Whether a variable is one of Pictor's settings, which the child must not inherit from the build. */
    private static boolean isSetting(String name) {
        return Arrays.stream(Setting.values()).anyMatch(setting -> setting.name().equals(name));
    }

    private static String event(String path) {
        return new String(TestImages.resource("/" + path), StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void prepare() throws IOException {
        Path upload = work.resolve("uploads-root/photos/uploads/My Photo é.jpg");
        Files.createDirectories(upload.getParent());
        Files.write(upload, TestImages.fixture("dated.jpg"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Function function : FUNCTIONS.values()) {
            function.close();
        }
    }

    /** The function of each kind, started once and kept warm across rows, as Lambda keeps an environment. */
    private static synchronized Function function(String kind) throws IOException {
        Function running = FUNCTIONS.get(kind);
        if (running != null) {
            return running;
        }
        Function started = switch (kind) {
            case "image" -> Function.start("dev.pictor.lambda.ImageHandler::handleRequest",
                    Map.of("IMAGES_DIR", TestImages.samplesRoot().toString()), work.resolve("image.log"));
            case "api" -> Function.start("dev.pictor.lambda.ApiHandler::handleRequest",
                    Map.of("IMAGES_DIR", TestImages.samplesRoot().toString()), work.resolve("api.log"));
            case "variants" -> Function.start("dev.pictor.lambda.VariantsHandler::handleRequest",
                    Map.of("IMAGES_DIR", work.resolve("uploads-root").toString(), "SOURCE_BUCKETS", "photos"),
                    work.resolve("variants.log"));
            default -> throw new IllegalArgumentException(kind);
        };
        FUNCTIONS.put(kind, started);
        return started;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            a function URL event is rendered     | image | function-url-thumbor.json   | 200 | image/jpeg       | 300x200
            an HTTP API query is rendered        | image | http-api-query.json         | 200 | image/webp       | 300x200
            a bad parameter is a 400 in JSON     | image | http-api-bad-parameter.json | 400 | application/json | -
            a REST API transform answers base64  | api   | api-rest-transform.json     | 200 | image/webp       | 100x40
            a REST API form without a file       | api   | api-rest-transform-no-file.json | 400 | application/json | -
            """)
    void httpEventsAreAnswered(String name, String kind, String event, int status, String contentType,
                               String size) throws Exception {
        Function function = function(kind);
        String requestId = UUID.randomUUID().toString();

        JsonNode response = function.invoke(requestId, event("events/" + event));

        assertEquals(status, response.path("statusCode").asInt(), response::toString);
        assertEquals(contentType, response.path("headers").path("Content-Type").asText());
        assertEquals(requestId, response.path("headers").path("X-Request-Id").asText());
        if (!size.equals("-")) {
            assertTrue(response.path("isBase64Encoded").asBoolean());
            BufferedImage image = TestImages.decode(Base64.getDecoder().decode(response.path("body").asText()));
            assertEquals(size, image.getWidth() + "x" + image.getHeight());
        }
        assertAccessLine(function, requestId, kind, status);
    }

    @Test
    void anS3UploadBecomesItsVariants() throws Exception {
        Function function = function("variants");
        String requestId = UUID.randomUUID().toString();

        JsonNode response = function.invoke(requestId, event("events/s3-put-my-photo.json"));

        assertTrue(response.asText().startsWith("done uploads/My Photo é.jpg (3 variants)"), response::toString);
        assertTrue(Files.exists(work.resolve("uploads-root/processed/processed/My Photo é-thumb.jpg")));
        JsonNode line = function.lines(requestId).stream().filter(l -> l.path("logger").asText().equals("access"))
                .findFirst().orElseThrow(() -> new AssertionError("no access line for " + requestId));
        assertEquals("done", line.path("outcome").asText());
        assertEquals(3, line.path("VariantsGenerated").asInt());
    }

    @Test
    void anEventOfTheWrongShapeIsReportedAsAnInvocationError() throws Exception {
        Function function = function("variants");

        RuntimeApi.Outcome outcome = function.api().invoke("{\"Records\": [{\"s3\": ").get(60, TimeUnit.SECONDS);

        assertTrue(outcome.error(), outcome.body());
        assertTrue(JSON.readTree(outcome.body()).has("errorMessage"), outcome.body());
        // The function lives on and takes the next event.
        JsonNode next = function.invoke(UUID.randomUUID().toString(),
                event("events/s3-ignored.json"));
        assertTrue(next.isTextual(), next::toString);
    }

    @Test
    void badConfigurationFailsTheInitPhaseWithTheSettingNamed() throws Exception {
        try (Function function = Function.start("dev.pictor.lambda.ImageHandler::handleRequest",
                Map.of("IMAGES_DIR", TestImages.samplesRoot().toString(), "MAX_OUTPUT_WIDTH", "wide"),
                work.resolve("init.log"))) {
            RuntimeApi.Outcome outcome = function.api().initError().get(60, TimeUnit.SECONDS);

            assertTrue(outcome.body().contains("MAX_OUTPUT_WIDTH"), outcome.body());
            assertTrue(function.process().waitFor(30, TimeUnit.SECONDS), "the runtime exits after a failed init");
        }
    }

    private static void assertAccessLine(Function function, String requestId, String kind, int status)
            throws IOException {
        List<JsonNode> lines = function.lines(requestId);
        JsonNode access = lines.stream().filter(l -> l.path("logger").asText().equals("access")).findFirst()
                .orElseThrow(() -> new AssertionError("no access line for " + requestId + " in " + lines));
        assertEquals(status, access.path("status").asInt());
        assertEquals(kind, access.path("Function").asText());
        assertEquals("Pictor", access.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
    }
}

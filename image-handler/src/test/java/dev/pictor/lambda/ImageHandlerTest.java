package dev.pictor.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.ImageService;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Lambda adapter fed event documents as AWS sends them (function URL and HTTP API, payload 2.0), loaded with the
 * same serialisation library the Java runtime uses.
 */
class ImageHandlerTest {

    private static final ImageHandler HANDLER = new ImageHandler(new ImageService(Config.fromEnvironment(Map.of()),
            new LocalFolderStore(TestImages.samplesRoot()), new Java2dEngine()));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            function-url-thumbor.json    | 200 | image/jpeg       | 300 | 200
            http-api-query.json          | 200 | image/webp       | 300 | 200
            http-api-sih-json.json       | 200 | image/png        | 240 | 240
            http-api-bad-parameter.json  | 400 | application/json | 0   | 0
            function-url-missing.json    | 404 | application/json | 0   | 0
            """)
    void answersEvents(String event, int status, String contentType, int width, int height) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent("events/" + event);
        APIGatewayV2HTTPResponse response = HANDLER.handleRequest(request, null);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(contentType, response.getHeaders().get("Content-Type"));
        assertTrue(response.getHeaders().get("Cache-Control").startsWith("public, max-age="));
        if (contentType.startsWith("image/")) {
            assertTrue(response.getIsBase64Encoded());
            BufferedImage image = TestImages.decode(Base64.getDecoder().decode(response.getBody()));
            assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
        } else {
            assertFalse(response.getIsBase64Encoded());
            assertTrue(response.getBody().startsWith("{\"status\":" + status + ",\"code\":"), response.getBody());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("function-url-head.json")
    void headHasNoBody(String event) {
        APIGatewayV2HTTPResponse response = HANDLER.handleRequest(EventLoader.loadApiGatewayHttpEvent(
                "events/" + event), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("", response.getBody());
        assertTrue(Integer.parseInt(response.getHeaders().get("Content-Length")) > 0);
    }
}

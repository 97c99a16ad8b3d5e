package dev.pictor.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.config.Config;
import dev.pictor.wiring.Services;
import dev.pictor.metadata.DynamoMetadataStore;
import dev.pictor.testing.Dynalite;
import dev.pictor.testing.S3Server;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API as deployed: API Gateway REST API proxy events (binary bodies base64-encoded), originals and variants
 * in S3 (S3Proxy), metadata in DynamoDB (dynalite).
 */
class ApiHandlerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CDN = "https://d111111abcdef8.cloudfront.net";

    static S3Server s3;
    static Dynalite dynamo;
    static Config config;
    static ApiHandler handler;

    @BeforeAll
    static void start() throws Exception {
        dynamo = Dynalite.start();
        s3 = S3Server.start("photos", "processed");
        config = Config.fromEnvironment(Map.of("S3_ENDPOINT", s3.endpoint(), "SOURCE_BUCKETS", "photos",
                "PROCESSED_BUCKET", "processed", "METADATA_TABLE", "images", "DYNAMODB_ENDPOINT", dynamo.endpoint(),
                "PROCESSED_URL", CDN + "/"));
        new DynamoMetadataStore(Services.dynamoDb(config), "images").createTable();
        Services.Parts parts = Services.parts(config);
        handler = new ApiHandler(Services.api(parts, Services.uploadProcessor(parts)));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    static APIGatewayProxyResponseEvent call(String event) {
        APIGatewayProxyRequestEvent request = EventLoader.loadApiGatewayRestEvent("events/" + event);
        return handler.handleRequest(request, null);
    }

    @Test
    void transformAnswersTheImageBase64Encoded() {
        APIGatewayProxyResponseEvent response = call("api-rest-transform.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("image/webp", response.getHeaders().get("Content-Type"));
        assertTrue(response.getIsBase64Encoded());
        BufferedImage image = TestImages.decode(Base64.getDecoder().decode(response.getBody()));
        assertEquals("100x40", image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void aFormWithoutAFileIsA400InJson() throws Exception {
        APIGatewayProxyResponseEvent response = call("api-rest-transform-no-file.json");
        assertEquals(400, response.getStatusCode());
        assertFalse(response.getIsBase64Encoded());
        assertEquals("MissingFile", JSON.readTree(response.getBody()).get("code").asText());
    }

    @Test
    void uploadStoresMakesVariantsRecordsAndIsDescribed() throws Exception {
        APIGatewayProxyResponseEvent created = call("api-rest-upload.json");
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode record = JSON.readTree(created.getBody());
        assertEquals("uploads/My Logo é.png", record.get("key").asText());
        assertArrayEquals(TestImages.sample("logo.png"), s3.get("photos", "uploads/My Logo é.png"));
        assertEquals(List.of(CDN + "/processed/My%20Logo%20%C3%A9-thumb.png",
                CDN + "/processed/My%20Logo%20%C3%A9-medium.png", CDN + "/processed/My%20Logo%20%C3%A9-large.png"),
                record.get("variants").findValuesAsText("url"));
        BufferedImage thumb = TestImages.decode(s3.get("processed", "processed/My Logo é-thumb.png"));
        assertEquals("100x100", thumb.getWidth() + "x" + thumb.getHeight());

        APIGatewayProxyResponseEvent info = call("api-rest-info.json");
        assertEquals(200, info.getStatusCode(), info.getBody());
        JsonNode described = JSON.readTree(info.getBody());
        assertEquals(record.get("id"), described.get("id"));
        assertEquals("done", described.get("status").asText());
        assertEquals(200, described.get("width").asInt());
        assertEquals(3, described.get("variants").size());
    }

    /** The large-file path as deployed: a presigned S3 PUT, then the S3 event runs the pre-generation function. */
    @Test
    void anUploadUrlTakesTheFileStraightToS3() throws Exception {
        APIGatewayProxyResponseEvent answer = call("api-rest-upload-url.json");
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        JsonNode target = JSON.readTree(answer.getBody());
        assertEquals("uploads/large upload.jpg", target.get("key").asText());
        URI url = URI.create(target.get("url").asText());
        assertTrue(url.toString().startsWith(s3.endpoint() + "/photos/uploads/large%20upload.jpg?"), url.toString());
        assertTrue(url.getQuery().contains("X-Amz-Signature="));
        assertEquals("*", target.get("headers").get("If-None-Match").asText());
        assertEquals("image/jpeg", target.get("headers").get("Content-Type").asText());
        byte[] photo = TestImages.sample("dandelions.jpg");
        HttpRequest.Builder put = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
        target.get("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> stored = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
        assertArrayEquals(photo, s3.get("photos", "uploads/large upload.jpg"));
        HttpResponse<String> again = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(412, again.statusCode(), "If-None-Match: * is signed: the URL cannot overwrite");

        VariantsHandler variants = new VariantsHandler(Services.uploadProcessor(Services.parts(config)));
        String outcome = variants.handleRequest(EventLoader.loadS3Event("events/s3-put-large-upload.json"), null);
        assertTrue(outcome.startsWith("done uploads/large upload.jpg"), outcome);
        BufferedImage large = TestImages.decode(s3.get("processed", "processed/large upload-large.jpg"));
        assertEquals("1024x1024", large.getWidth() + "x" + large.getHeight());
    }
}

package dev.pictor.rekognition;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pictor.config.Config;
import dev.pictor.testing.Similarity;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.Answers;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import dev.pictor.wiring.Services;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Serverless Image Handler's Rekognition edits against WireMock speaking Rekognition's JSON protocol (it has no
 * local engine), one row a request and what Rekognition answers: the size or the error that comes out.
 */
class RekognitionTest {

    private static WireMockServer rekognition;
    private static ImageService service;

    @BeforeAll
    static void start() {
        rekognition = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rekognition.start();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Config config = Config.fromEnvironment(Map.of("REKOGNITION_ENABLED", "true", "S3_REGION", "us-east-1",
                "REKOGNITION_ENDPOINT", "http://127.0.0.1:" + rekognition.port(), "NATIVE_CODECS", "false"));
        service = new ImageService(config, new LocalFolderStore(TestImages.samplesRoot()), Services.engine(config));
    }

    @AfterAll
    static void stop() {
        rekognition.stop();
    }

    @BeforeEach
    void reset() {
        rekognition.resetAll();
    }

    private static void answers(String operation, int status, String body) {
        rekognition.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("RekognitionService." + operation))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static HttpResponse sih(String json) {
        return service.handle(Urls.get(Urls.sih(json)));
    }

    /** bird.jpg is 1280x720; SIH resizes first, then asks for the faces of what it has. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            the first face's box                    | {"smartCrop":true}                                  | {"FaceDetails":[{"BoundingBox":{"Width":0.5,"Height":0.5,"Left":0.25,"Top":0.25},"Confidence":99.9}]} | 200 | 640x360
            the box widened by the padding          | {"smartCrop":{"padding":20}}                        | {"FaceDetails":[{"BoundingBox":{"Width":0.5,"Height":0.5,"Left":0.25,"Top":0.25},"Confidence":99.9}]} | 200 | 680x400
            the second face by faceIndex            | {"smartCrop":{"faceIndex":1}}                       | {"FaceDetails":[{"BoundingBox":{"Width":0.5,"Height":0.5,"Left":0.25,"Top":0.25}},{"BoundingBox":{"Width":0.1,"Height":0.2,"Left":0.8,"Top":0.1}}]} | 200 | 128x144
            a box past the edges is clamped         | {"smartCrop":{"padding":50}}                        | {"FaceDetails":[{"BoundingBox":{"Width":0.5,"Height":0.6,"Left":-0.1,"Top":0.7}}]} | 200 | 740x267
            the faces of the resized image          | {"resize":{"width":640},"smartCrop":true}           | {"FaceDetails":[{"BoundingBox":{"Width":0.5,"Height":0.5,"Left":0.25,"Top":0.25}}]} | 200 | 320x180
            no face keeps the whole image           | {"smartCrop":true}                                  | {"FaceDetails":[]}                                                                    | 200 | 1280x720
            a faceIndex past the faces found        | {"smartCrop":{"faceIndex":2}}                       | {"FaceDetails":[{"BoundingBox":{"Width":0.5,"Height":0.5,"Left":0.25,"Top":0.25}}]} | 400 | InvalidParameter
            """)
    void smartCropCropsToTheFace(String name, String edits, String faces, int status, String expected)
            throws Exception {
        answers("DetectFaces", 200, faces);
        Answers.check(sih("{\"key\":\"bird.jpg\",\"edits\":" + edits + "}"), status, expected);
        rekognition.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("RekognitionService.DetectFaces"))
                .withRequestBody(containing("\"Image\":{\"Bytes\":\"/9j/")));
    }

    /** Blurred or not, judged against the same request without moderation. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            any label found blurs                         | true                                              | {"ModerationLabels":[{"Confidence":91.5,"Name":"Violence","ParentName":""}]} | blurred
            nothing found leaves the image                | true                                              | {"ModerationLabels":[]}                                                           | sharp
            a named label found blurs                     | {"moderationLabels":["Violence"]}                 | {"ModerationLabels":[{"Confidence":91.5,"Name":"Violence","ParentName":""}]} | blurred
            a named label's child alone does not, as SIH  | {"moderationLabels":["Violence"]}                 | {"ModerationLabels":[{"Confidence":91.5,"Name":"Graphic Violence","ParentName":"Violence"}]} | sharp
            only other labels found leave the image       | {"moderationLabels":["Explicit Nudity"]}          | {"ModerationLabels":[{"Confidence":91.5,"Name":"Violence","ParentName":""}]} | sharp
            """)
    void contentModerationBlursWhatRekognitionFlags(String name, String moderation, String labels, String expected)
            throws Exception {
        answers("DetectModerationLabels", 200, labels);
        HttpResponse moderated = sih("{\"key\":\"bird.jpg\",\"edits\":{\"resize\":{\"width\":320},"
                + "\"contentModeration\":" + moderation + "}}");
        assertEquals(200, moderated.status(), new String(moderated.body(), StandardCharsets.UTF_8));
        BufferedImage plain = TestImages.decode(sih("{\"key\":\"bird.jpg\",\"edits\":{\"resize\":{\"width\":320}}}")
                .body());
        double ssim = Similarity.ssim(TestImages.decode(moderated.body()), plain);
        assertTrue(expected.equals("blurred") ? ssim < 0.7 : ssim > 0.97, name + ": SSIM " + ssim);
    }

    @Test
    void minConfidenceIsSentAsAsked() {
        answers("DetectModerationLabels", 200, "{\"ModerationLabels\":[]}");
        assertEquals(200, sih("{\"key\":\"bird.jpg\",\"edits\":{\"contentModeration\":{\"minConfidence\":90}}}")
                .status());
        rekognition.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("\"MinConfidence\":90")));
    }

    @ParameterizedTest(name = "Rekognition {1} {2} -> {3}")
    @CsvSource(delimiterString = " | ", textBlock = """
            throttled                  | 400 | ThrottlingException              | 503 | RekognitionUnavailable
            failing                    | 500 | InternalServerError              | 503 | RekognitionUnavailable
            refusing the image         | 400 | InvalidImageFormatException      | 502 | RekognitionFailed
            """)
    void rekognitionFailuresAreAnsweredInJson(String name, int status, String type, int expected, String code)
            throws Exception {
        answers("DetectFaces", status, "{\"__type\":\"" + type + "\",\"Message\":\"" + name + "\"}");
        Answers.check(sih("{\"key\":\"bird.jpg\",\"edits\":{\"smartCrop\":true}}"), expected, code);
    }

    @Test
    void withoutRekognitionSmartCropUsesTheSubjectAndModerationIsRefused() throws Exception {
        Config config = Config.fromEnvironment(Map.of("NATIVE_CODECS", "false"));
        ImageService plain = new ImageService(config, new LocalFolderStore(TestImages.samplesRoot()),
                Services.engine(config));
        assertEquals(200, plain.handle(Urls.get(Urls.sih("{\"key\":\"bird.jpg\",\"edits\":{\"smartCrop\":true}}")))
                .status());
        HttpResponse refused = plain.handle(Urls.get(Urls.sih(
                "{\"key\":\"bird.jpg\",\"edits\":{\"contentModeration\":true}}")));
        Answers.check(refused, 400, "InvalidParameter");
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("REKOGNITION_ENABLED"));
        assertEquals(0, rekognition.getAllServeEvents().size());
    }
}

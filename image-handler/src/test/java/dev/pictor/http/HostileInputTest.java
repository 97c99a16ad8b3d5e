package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.config.Config;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.HostileInputs;
import dev.pictor.testing.Urls;
import dev.pictor.wiring.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus through the whole service, with the engine this machine runs (native codecs where they load):
 * every file, asked for as an image and as a transformation, is answered, and never with a 5xx; every refusal is the
 * usual JSON. Each request is given a minute before it counts as hanging.
 */
class HostileInputTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static ImageService service;

    @BeforeAll
    static void corpus() throws Exception {
        Path root = Files.createTempDirectory("pictor-hostile-");
        Path bucket = Files.createDirectories(root.resolve("images"));
        for (var file : HostileInputs.all().entrySet()) {
            Files.write(bucket.resolve(file.getKey()), file.getValue());
        }
        Config config = Config.fromEnvironment(Map.of("IMAGES_DIR", root.toString()));
        service = Services.create(config);
    }

    static Stream<Arguments> requests() {
        return HostileInputs.all().keySet().stream().flatMap(name -> Stream.of(
                Arguments.of(name, "/unsafe/300x200/" + name),
                Arguments.of(name, "/unsafe/filters:format(webp)/" + name),
                Arguments.of(name, "/" + name + "?width=120&rotate=45")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("requests")
    void everyHostileFileIsAnsweredWithoutA5xx(String name, String url) throws Exception {
        HttpResponse response = assertTimeoutPreemptively(Duration.ofMinutes(1),
                () -> service.handle(Urls.get(url)));
        assertTrue(response.status() < 500, url + " answered " + response.status() + " "
                + new String(response.body()));
        if (response.status() >= 400) {
            assertTrue(List.of(400, 413, 415).contains(response.status()), url + ": " + response.status());
            assertEquals("application/json", response.contentType());
            JsonNode error = JSON.readTree(response.body());
            assertEquals(response.status(), error.get("status").asInt());
            assertTrue(error.get("message").asText().length() > 10, error.toString());
        }
    }

    /** The bombs are refused for what they are, before their pixels are decoded. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " | ", textBlock = """
            png-50000x50000.png              | 413 | SourceTooManyPixels
            png-1x2000000000.png             | 413 | SourceTooManyPixels
            jpeg-declaring-65500x65500.jpg   | 413 | SourceTooManyPixels
            jpeg-progressive-3000-scans.jpg  | 415 | CorruptImage
            gif-second-frame-46000x46000.gif | 415 | CorruptImage
            gif-screen-60000x60000.gif       | 413 | SourceTooManyPixels
            gif-5000-frames.gif              | 413 | OutputTooLarge
            webp-frame-says-1x1.webp         | 415 | CorruptImage
            webp-canvas-16383x16383.webp     | 413 | SourceTooManyPixels
            text-named.jpg                   | 415 | NotAnImage
            svg-malformed.svg                | 415 | CorruptImage
            svg-100000x100000.svg            | 413 | SourceTooManyPixels
            svg-use-bomb.svg                 | 415 | CorruptImage
            empty.jpg                        | 415 | NotAnImage
            """)
    void bombsAreRefusedBeforeDecoding(String name, int status, String code) throws Exception {
        HttpResponse response = service.handle(Urls.get("/unsafe/300x200/" + name));
        assertEquals(status, response.status(), new String(response.body()));
        assertEquals(code, JSON.readTree(response.body()).get("code").asText());
    }
}

package dev.pictor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pictor.http.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** What a table row expects of an answer: its status, and the image's size or the error's code. */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** @param expected {@code WxH} of the image for a 200, else the JSON error's {@code code} */
    public static void check(HttpResponse response, int status, String expected) throws IOException {
        assertEquals(status, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        if (status == 200) {
            BufferedImage image = TestImages.decode(response.body());
            assertEquals(expected, image.getWidth() + "x" + image.getHeight());
        } else {
            assertEquals(expected, JSON.readTree(response.body()).get("code").asText());
        }
    }
}

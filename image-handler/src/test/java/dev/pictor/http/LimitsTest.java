package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.Rendered;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.engine.java2d.PngBomb;
import dev.pictor.plan.Plan;
import dev.pictor.plan.SourceInfo;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits against abuse, each refusing with its status and code. */
class LimitsTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void setUp() throws IOException {
        Path bucket = Files.createDirectories(root.resolve("images"));
        Files.write(bucket.resolve("bomb.png"), PngBomb.of(50_000, 50_000));
        Files.write(bucket.resolve("bird.jpg"), TestImages.sample("bird.jpg"));
        Files.write(bucket.resolve("ball.gif"), TestImages.sample("ball.gif"));
    }

    static HttpResponse get(ImageService service, String url) {
        return service.handle(Urls.get(url));
    }

    @ParameterizedTest(name = "{0}: {1} -> {3} {4}")
    @CsvSource(delimiterString = " | ", textBlock = """
            decompression bomb, 50000x50000 in a few KB | /bomb.png?width=100   | -                        | 413 | SourceTooManyPixels
            source over MAX_SOURCE_BYTES                 | /bird.jpg?width=100   | MAX_SOURCE_BYTES=50000   | 413 | SourceTooLarge
            source pixels over MAX_SOURCE_PIXELS         | /bird.jpg?width=100   | MAX_SOURCE_PIXELS=500000 | 413 | SourceTooManyPixels
            output wider than MAX_OUTPUT_WIDTH           | /bird.jpg?width=3000  | MAX_OUTPUT_WIDTH=2000    | 400 | InvalidParameter
            a bomb as the watermark                      | /unsafe/filters:watermark(bomb.png,0,0,0)/bird.jpg | - | 413 | OverlayTooLarge
            a bomb as the frame                          | /unsafe/filters:frame(bomb.png)/bird.jpg | -         | 413 | OverlayTooLarge
            twelve turns of 45 degrees on a large output | /unsafe/4096x4096/filters:rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45)/bird.jpg | - | 413 | OutputTooLarge
            one turn that makes the output too large     | /unsafe/8192x8192/filters:rotate(45)/bird.jpg | MAX_OUTPUT_WIDTH=8192;MAX_OUTPUT_HEIGHT=8192 | 413 | OutputTooLarge
            a size past the default output limit          | /unsafe/8192x8192/bird.jpg | -                       | 400 | InvalidParameter
            turns after a trim, planned once it has run  | /unsafe/trim/filters:rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45):rotate(45)/bird.jpg | - | 413 | OutputTooLarge
            every frame of an animation counted          | /unsafe/4000x4000/ball.gif | MAX_SOURCE_PIXELS=40000000 | 413 | OutputTooLarge
            more than the pixel budget could ever hold   | /bird.jpg?width=100   | PIXEL_BUDGET=100000      | 413 | TooLargeForMemory
            """)
    void limits(String name, String url, String setting, int status, String code) {
        Map<String, String> env = new java.util.HashMap<>();
        for (String pair : setting.equals("-") ? new String[0] : setting.split(";")) {
            env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        ImageService service = new ImageService(Config.fromEnvironment(env), new LocalFolderStore(root),
                new Java2dEngine());
        HttpResponse response = get(service, url);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.status(), body);
        assertTrue(body.contains("\"code\":\"" + code + "\""), body);
    }

    @Test
    void aRenderOverTheTimeBudgetIs503() {
        ImageEngine real = new Java2dEngine();
        ImageEngine slow = new ImageEngine() {
            public String name() {
                return "slow";
            }

            public SourceInfo probe(byte[] source) {
                return real.probe(source);
            }

            public int maxDecodeShrink(ImageFormat format) {
                return 1;
            }

            public boolean canEncode(ImageFormat format) {
                return real.canEncode(format);
            }

            public Rendered render(byte[] source, SourceInfo info, Plan plan, Map<String, byte[]> overlays) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.render(source, info, plan, overlays);
            }
        };
        ImageService service = new ImageService(Config.fromEnvironment(Map.of("REQUEST_TIMEOUT_MS", "200")),
                new LocalFolderStore(root), slow);
        HttpResponse response = get(service, "/bird.jpg?width=100");
        assertEquals(503, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("TimeBudgetExceeded"));
    }
}

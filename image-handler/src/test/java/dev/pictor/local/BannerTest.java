package dev.pictor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.ImageService;
import dev.pictor.source.BundledSamples;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The start-up message's URLs answer 200, as printed, for what is really served and how. */
class BannerTest {

    @TempDir
    Path images;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            the bundled samples                   | samples | -
            a folder of one's own                 | own     | -
            signed URLs                           | samples | SECURITY_KEYS=k1,k2
            signed URLs, a folder of one's own    | own     | SECURITY_KEYS=k1
            """)
    void theURLsToTryAnswer(String name, String folder, String setting) throws IOException {
        if (folder.equals("samples")) {
            BundledSamples.unpackInto(images);
        } else {
            Files.createDirectories(images.resolve("images/holiday"));
            Files.write(images.resolve("images/my beach.jpg"), TestImages.sample("bird.jpg"));
        }
        Map<String, String> env = new HashMap<>(Map.of("IMAGES_DIR", images.toString()));
        if (!setting.equals("-")) {
            env.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        Config config = Config.fromEnvironment(env);
        LocalFolderStore store = new LocalFolderStore(images);
        ImageService service = new ImageService(config, store, new Java2dEngine());

        List<String> lines = Banner.lines(config, store, "http://localhost:8080", Optional.empty());

        List<String> urls = lines.stream().filter(line -> line.startsWith("  try ") || line.startsWith("  and "))
                .map(line -> line.substring(6)).toList();
        assertEquals(2, urls.size(), lines.toString());
        for (String url : urls) {
            String path = url.substring("http://localhost:8080".length());
            int q = path.indexOf('?');
            int status = service.handle(new HttpRequest("GET", q < 0 ? path : path.substring(0, q),
                    q < 0 ? "" : path.substring(q + 1), Map.of())).status();
            assertEquals(200, status, url);
        }
        assertTrue(urls.getFirst().contains(folder.equals("samples") ? "dandelions.jpg" : "my%20beach.jpg"), urls.toString());
    }
}

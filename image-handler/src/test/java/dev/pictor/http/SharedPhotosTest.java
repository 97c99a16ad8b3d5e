package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The full-size photos of {@code ../shared/testimages} (8 to 20 megapixels), when they are beside the clone, as they
 * are for the developers and CI; a user's fresh clone has only the small bundled copies, and skips these.
 */
class SharedPhotosTest {

    @TempDir
    static Path root;
    static ImageService service;

    @BeforeAll
    static void setUp() throws IOException {
        Optional<Path> photos = TestImages.sharedPhotos();
        if (photos.isEmpty()) {
            return;
        }
        Path bucket = Files.createDirectories(root.resolve("images"));
        try (var files = Files.list(photos.get())) {
            for (Path file : files.toList()) {
                Files.copy(file, bucket.resolve(file.getFileName()));
            }
        }
        service = new ImageService(Config.fromEnvironment(Map.of()), new LocalFolderStore(root), new Java2dEngine());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /unsafe/500x500/bird-on-bark-6028x3391.jpg                        | image/jpeg | 500  | 500  | false
            /unsafe/500x500/dandelions-5312x2988-progressive.jpg              | image/jpeg | 500  | 500  | false
            /unsafe/fit-in/1024x1024/interior-portrait-2560x3837-progressive.jpg | image/jpeg | 683 | 1024 | false
            /bird-under-lamps-2880x2160-444.jpg?width=300&format=webp         | image/webp | 300  | 225  | false
            /mountains-exif-orientation6.jpg?width=1000                       | image/jpeg | 1000 | 750  | false
            /unsafe/300x0/hills-cmyk-3088x2056.jpg                            | image/jpeg | 300  | 200  | false
            /unsafe/fit-in/400x400/forest-stream-3088x2056.webp               | image/webp | 400  | 266  | false
            /unsafe/fit-in/512x512/mars-panorama-alpha-2048x1024.png          | image/png  | 512  | 256  | true
            /unsafe/200x200/nebula-ngc7000-1024x1024.png                      | image/png  | 200  | 200  | false
            /unsafe/100x100/filters:format(webp)/earth-320x200.gif            | image/webp | 100  | 100  | false
            """)
    void transformsFullSizePhotos(String url, String type, int width, int height, boolean alpha) {
        assumeTrue(service != null, "../shared/testimages is not beside this clone");
        HttpResponse response = service.handle(Urls.get(url));
        assertEquals(200, response.status(), new String(response.body()));
        assertEquals(type, response.contentType());
        BufferedImage image = TestImages.decode(response.body());
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
        assertEquals(alpha, image.getColorModel().hasAlpha() && (image.getRGB(width / 2, 1) >>> 24) < 255);
    }
}

package dev.pictor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.wiring.Services;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import dev.pictor.variants.UploadProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locally, uploads are a folder: files dropped into it get their variants, and --pregenerate does the backlog. */
class UploadWatcherTest {

    static Services.Parts parts(Path root) {
        return Services.parts(Config.fromEnvironment(Map.of("IMAGES_DIR", root.toString())));
    }

    /** Waits (at most 20 s, on a busy machine) for a file to appear; how soon is for benchmarks, not tests. */
    static boolean appears(Path file) throws InterruptedException {
        for (int i = 0; i < 400 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        return Files.exists(file);
    }

    @Test
    void aFileDroppedIntoUploadsGetsItsVariants() throws Exception {
        Path root = Files.createTempDirectory("pictor-watch-");
        Services.Parts parts = parts(root);
        try (UploadWatcher watcher = new UploadWatcher((LocalFolderStore) parts.store(), "images",
                Services.uploadProcessor(parts))) {
            assertEquals(root.toRealPath().resolve("images/uploads"), watcher.folder());
            Files.write(watcher.folder().resolve("bird.jpg"), TestImages.sample("bird.jpg"));
            assertTrue(appears(root.resolve("processed/processed/bird-large.jpg")));
            Files.createDirectories(watcher.folder().resolve("trip/day 1"));
            Files.write(watcher.folder().resolve("trip/day 1/logo.png"), TestImages.sample("logo.png"));
            assertTrue(appears(root.resolve("processed/processed/trip/day 1/logo-thumb.png")));
        }
    }

    @Test
    void pregenerateMakesTheBacklogOnceWithAProgressBar() throws Exception {
        Path root = Files.createTempDirectory("pictor-pregenerate-");
        Files.createDirectories(root.resolve("images/uploads/old"));
        Files.write(root.resolve("images/uploads/a.jpg"), TestImages.sample("bird.jpg"));
        Files.write(root.resolve("images/uploads/old/b.png"), TestImages.sample("nebula.png"));
        Files.write(root.resolve("images/uploads/broken.jpg"), TestImages.fixture("not-an-image.jpg"));
        Files.write(root.resolve("images/not-an-upload.jpg"), TestImages.sample("bird.jpg"));
        Services.Parts parts = parts(root);
        UploadProcessor uploads = Services.uploadProcessor(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Pregenerate.run(parts.store(), "images", uploads, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, text);
        assertTrue(text.contains("[" + "#".repeat(30) + "] 3/3"), text);
        assertTrue(text.contains("2 made, 0 already done or skipped, 1 failed (0 of them before), 0 to try again, of 3 uploads in "
                + root.resolve("images/uploads/")), text);
        assertTrue(text.contains("uploads/broken.jpg: the source is not an image"), text);
        for (String variant : new String[] {"a-thumb.jpg", "a-medium.jpg", "a-large.jpg", "old/b-thumb.png"}) {
            assertTrue(Files.exists(root.resolve("processed/processed/" + variant)), variant);
        }
        assertTrue(!Files.exists(root.resolve("processed/processed/not-an-upload-thumb.jpg")));

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        int second = Pregenerate.run(parts.store(), "images", uploads,
                new PrintStream(again, true, StandardCharsets.UTF_8));
        // A file that failed still fails, without being tried again: the run says so and exits 1.
        assertEquals(1, second);
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("0 made, 2 already done or skipped, 1 failed (1 of"
                + " them before)"), again.toString(StandardCharsets.UTF_8));
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("uploads/broken.jpg: failed before: the source is"),
                again.toString(StandardCharsets.UTF_8));
    }
}

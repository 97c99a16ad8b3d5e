package dev.pictor.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.error.ImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalFolderStoreTest {

    @TempDir
    Path dir;
    LocalFolderStore source;

    @BeforeEach
    void setUp() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("images/sub"));
        Files.write(root.resolve("images/a.jpg"), new byte[] {1, 2, 3});
        Files.write(root.resolve("images/sub/b.jpg"), new byte[] {4});
        Files.write(dir.resolve("secret.txt"), new byte[] {9});
        Files.createDirectories(root.resolve("other"));
        Files.write(root.resolve("other/c.jpg"), new byte[] {5});
        Files.createSymbolicLink(root.resolve("images/escape.jpg"), dir.resolve("secret.txt"));
        source = new LocalFolderStore(root);
    }

    @Test
    void readsKeysInBucketFolders() {
        StoredObject object = source.get("images", "a.jpg", 100);
        assertArrayEquals(new byte[] {1, 2, 3}, object.bytes());
        assertTrue(object.etag().isPresent());
        assertTrue(object.lastModified().isPresent());
        assertArrayEquals(new byte[] {4}, source.get("images", "sub/b.jpg", 100).bytes());
        assertArrayEquals(new byte[] {5}, source.get("other", "c.jpg", 100).bytes());
    }

    @ParameterizedTest(name = "{1} in {0} -> {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            images | missing.jpg           | 404
            images | sub                   | 404
            images | escape.jpg            | 404
            images | ../secret.txt         | 400
            images | sub/../../secret.txt  | 400
            images | /etc/passwd           | 400
            images | ..\\secret.txt        | 400
            ..     | secret.txt            | 400
            """)
    void neverReadsOutsideItsBuckets(String bucket, String key, int status) {
        ImageException error = assertThrows(ImageException.class, () -> source.get(bucket, key, 100));
        assertEquals(status, error.status(), error.getMessage());
    }

    @Test
    void refusesObjectsOverTheSizeLimitWithoutReadingThem() {
        ImageException error = assertThrows(ImageException.class, () -> source.get("images", "a.jpg", 2));
        assertEquals(413, error.status());
    }

    @Test
    void unpackingTheSamplesAgainKeepsUploadsAndChanges(@TempDir Path folder)
            throws IOException {
        BundledSamples.unpackInto(folder);
        Path upload = folder.resolve("images/uploads/mine.jpg");
        Files.createDirectories(upload.getParent());
        Files.write(upload, new byte[] {1, 2, 3});
        Files.write(folder.resolve("images/bird.jpg"), new byte[] {4});
        Files.delete(folder.resolve("images/dandelions.jpg"));

        BundledSamples.unpackInto(folder);

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(upload));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(folder.resolve("images/bird.jpg")));
        assertTrue(Files.size(folder.resolve("images/dandelions.jpg")) > 10_000, "a missing sample comes back");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /data/x | /data/x/pictor/images
            ''      | ~/.local/share/pictor/images
            """)
    void theLocalServersFolderFollowsXdg(String xdgDataHome, String expected) {
        Path folder = BundledSamples.localFolder(Map.of("XDG_DATA_HOME", xdgDataHome));
        assertEquals(Path.of(expected.replace("~", System.getProperty("user.home"))), folder);
    }

    @Test
    void bundledSamplesUnpackIntoABucket() {
        LocalFolderStore samples = new LocalFolderStore(BundledSamples.unpack());
        assertTrue(samples.get("images", "dandelions.jpg", 10_000_000).bytes().length > 10_000);
    }
}

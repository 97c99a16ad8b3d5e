package dev.pictor.source;

import dev.pictor.error.ImageException;
import dev.pictor.request.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** A folder whose top-level folders are buckets. No key, however written, reads outside it. */
public final class LocalFolderSource implements ImageSource {

    private final Path root;

    public LocalFolderSource(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("images folder " + root + " cannot be read", e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredObject get(String bucket, String key, long maxBytes) {
        Path bucketDir = root.resolve(Keys.requireBucketName(bucket)).normalize();
        Path file = bucketDir.resolve(Keys.requireSafe(key)).normalize();
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(bucketDir.toRealPath())) {
                // A symbolic link pointing out of the bucket is treated as absent rather than followed.
                throw notFound(key);
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw notFound(key);
            }
            if (attributes.size() > maxBytes) {
                throw ImageException.tooLarge("SourceTooLarge", "the source image is " + attributes.size()
                        + " bytes, over the limit of " + maxBytes);
            }
            byte[] bytes = Files.readAllBytes(real);
            String etag = Long.toHexString(attributes.size()) + "-"
                    + Long.toHexString(attributes.lastModifiedTime().toMillis());
            return new StoredObject(bytes, Optional.of(etag), Optional.of(attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw ImageException.internal("reading " + file + " failed", e);
        }
    }

    private static ImageException notFound(String key) {
        return ImageException.notFound("no image with key '" + key + "'");
    }
}

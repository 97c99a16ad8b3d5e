package dev.pictor.source;

import dev.pictor.error.ImageException;
import dev.pictor.edit.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder whose top-level folders are buckets. No key, however written, reads or writes outside it. Writes go to a
 * temporary file first and are moved into place, so a reader (or the upload watcher) never sees half a file.
 */
public final class LocalFolderStore implements ImageStore {

    /** Temporary files of unfinished writes start with this; listings and the watcher skip them. */
    public static final String PARTIAL_PREFIX = ".partial-";

    private final Path root;

    public LocalFolderStore(Path root) {
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
        Path file = file(bucket, key);
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(bucketDir(bucket).toRealPath())) {
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
            return new StoredObject(bytes, Optional.of(etag(attributes)),
                    Optional.of(attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw ImageException.internal("reading " + file + " failed", e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, String contentType) {
        write(bucket, List.of(key), bytes, true);
    }

    @Override
    public Optional<String> putNew(String bucket, List<String> keys, byte[] bytes, String contentType) {
        return write(bucket, keys, bytes, false);
    }

    /**
     * The bytes go to a temporary file once; then it is moved over the key (replace), or linked under the first key
     * that is free: a hard link fails when the name is taken, so the check and the write are one step.
     */
    private Optional<String> write(String bucket, List<String> keys, byte[] bytes, boolean replace) {
        Path temp = null;
        try {
            for (String key : keys) {
                Path file = file(bucket, key);
                Files.createDirectories(file.getParent());
                if (!file.getParent().toRealPath().startsWith(bucketDir(bucket).toRealPath())) {
                    throw ImageException.badRequest("InvalidKey", "the key '" + key + "' leaves its bucket");
                }
                if (temp == null) {
                    temp = Files.createTempFile(bucketDir(bucket), PARTIAL_PREFIX, ".tmp");
                    Files.write(temp, bytes);
                }
                if (replace) {
                    move(temp, file);
                    return Optional.of(key);
                }
                try {
                    Files.createLink(file, temp);
                    return Optional.of(key);
                } catch (FileAlreadyExistsException taken) {
                    // the next name
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw ImageException.unavailable("StoreUnavailable", "the image could not be stored", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is skipped by listings and overwritten never
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        try {
            Path real = file(bucket, key).toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!real.startsWith(bucketDir(bucket).toRealPath()) || !attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new ObjectInfo(attributes.size(), Optional.of(etag(attributes)),
                    Optional.of(attributes.lastModifiedTime().toInstant())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ImageException.internal("reading " + key + " failed", e);
        }
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        Path dir = bucketDir(bucket);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(PARTIAL_PREFIX))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw ImageException.internal("listing " + bucket + " failed", e);
        }
    }

    /** The file of a key, checked to stay inside its bucket. */
    public Path file(String bucket, String key) {
        try {
            return bucketDir(bucket).resolve(Keys.requireSafe(key)).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            // A name this file system cannot hold (an unpaired surrogate, or any non-ASCII under LANG=C).
            throw ImageException.badRequest("InvalidKey", "the key cannot be a file name here");
        }
    }

    private Path bucketDir(String bucket) {
        return root.resolve(Keys.requireBucketName(bucket)).normalize();
    }

    private static String etag(BasicFileAttributes attributes) {
        return Long.toHexString(attributes.size()) + "-" + Long.toHexString(attributes.lastModifiedTime().toMillis());
    }

    private static ImageException notFound(String key) {
        return ImageException.notFound("no image with key '" + key + "'");
    }
}

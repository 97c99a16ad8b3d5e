package dev.pictor.metadata;

import dev.pictor.error.ImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The local server's metadata: one JSON file per image under {@code <images>/.pictor/metadata/} (a folder no bucket
 * can name, so it is never served). Writes are atomic (a temporary file moved into place) and serialised, which is
 * all one process on a laptop needs.
 */
public final class FileMetadataStore implements MetadataStore {

    private final Path folder;

    public FileMetadataStore(Path imagesRoot) {
        this.folder = imagesRoot.resolve(".pictor").resolve("metadata");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("metadata folder " + folder + " cannot be made", e);
        }
    }

    @Override
    public synchronized void storeImageMetadata(ImageRecord record) {
        Optional<ImageRecord> current = getImageMetadata(record.id());
        write(current.map(c -> record.withAccessStats(c.accessCount(), c.lastAccess())).orElse(record));
    }

    @Override
    public synchronized Optional<ImageRecord> getImageMetadata(String id) {
        if (!ImageIds.isWellFormed(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageRecordJson.parse(Files.readAllBytes(file(id))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            throw ImageException.unavailable("MetadataUnavailable", "image metadata could not be read", e);
        }
    }

    @Override
    public synchronized boolean claimProcessing(ImageRecord record, Instant staleBefore) {
        Optional<ImageRecord> current = getImageMetadata(record.id());
        if (current.isPresent() && current.get().status() == ImageRecord.Status.PROCESSING
                && current.get().sourceEtag().equals(record.sourceEtag())
                && current.get().updated().isAfter(staleBefore)) {
            return false;
        }
        storeImageMetadata(record);
        return true;
    }

    @Override
    public synchronized Optional<ImageRecord> updateImageMetadata(String id, UnaryOperator<ImageRecord> change) {
        return MetadataStore.super.updateImageMetadata(id, change);
    }

    @Override
    public synchronized void updateAccessStats(Map<String, Long> counts, Instant lastAccess) {
        counts.forEach((id, count) -> getImageMetadata(id).ifPresent(
                r -> write(r.withAccessStats(r.accessCount() + count, Optional.of(lastAccess)))));
    }

    private void write(ImageRecord record) {
        Path target = file(record.id());
        try {
            Path temp = Files.createTempFile(folder, ".partial-", ".json");
            Files.write(temp, ImageRecordJson.bytes(ImageRecordJson.toJson(record, Optional.empty())));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw ImageException.unavailable("MetadataUnavailable", "image metadata could not be written", e);
        }
    }

    private Path file(String id) {
        return folder.resolve(id + ".json");
    }
}

package dev.pictor.metadata;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where image metadata is kept: DynamoDB ({@link DynamoMetadataStore}) or, locally, files
 * ({@link FileMetadataStore}). The methods carry the names of the original design's {@code DbOperations}.
 */
public interface MetadataStore {

    /** Writes a record whole, except its access statistics, which only {@link #updateAccessStats} changes. */
    void storeImageMetadata(ImageRecord record);

    Optional<ImageRecord> getImageMetadata(String id);

    /** Changes a stored record (the change sees the current one); empty when there is none. */
    default Optional<ImageRecord> updateImageMetadata(String id, java.util.function.UnaryOperator<ImageRecord> change) {
        Optional<ImageRecord> updated = getImageMetadata(id).map(change);
        updated.ifPresent(this::storeImageMetadata);
        return updated;
    }

    /** Adds to the access counts of the records that exist (others are ignored) and sets their last access. */
    void updateAccessStats(Map<String, Long> counts, Instant lastAccess);
}

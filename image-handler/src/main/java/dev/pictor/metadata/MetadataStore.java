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

    /**
     * Writes the record of a version about to be made into variants, unless another process holds that version
     * already: the same source ETag, status processing, updated after {@code staleBefore}. Of two deliveries of one
     * upload (the API's own processing and the S3 notification), one claim succeeds.
     *
     * @return false, writing nothing, when another holds it
     */
    boolean claimProcessing(ImageRecord record, Instant staleBefore);

    /** Changes a stored record (the change sees the current one); empty when there is none. */
    default Optional<ImageRecord> updateImageMetadata(String id, java.util.function.UnaryOperator<ImageRecord> change) {
        Optional<ImageRecord> updated = getImageMetadata(id).map(change);
        updated.ifPresent(this::storeImageMetadata);
        return updated;
    }

    /** Adds to the access counts of the records that exist (others are ignored) and sets their last access. */
    void updateAccessStats(Map<String, Long> counts, Instant lastAccess);
}

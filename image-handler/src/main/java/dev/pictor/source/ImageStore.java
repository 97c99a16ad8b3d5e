package dev.pictor.source;

import java.util.List;
import java.util.Optional;

/**
 * A source that can also be written and listed: where uploads land and variants go. The original design's
 * {@code S3Operations.storeProcessedImage} is {@link #put}, its {@code getImageMetadata} is {@link #head}.
 */
public interface ImageStore extends ImageSource {

    /** Writes an object, replacing one of the same key (a variant, made again the same way). */
    void put(String bucket, String key, byte[] bytes, String contentType);

    /**
     * Writes an object under the first of these keys that no object has, so that an original is never overwritten.
     *
     * @return the key written; empty, writing nothing, when every key is taken
     */
    Optional<String> putNew(String bucket, List<String> keys, byte[] bytes, String contentType);

    /** What the store knows of an object without reading it. */
    Optional<ObjectInfo> head(String bucket, String key);

    /** The keys under a prefix, in key order. */
    List<String> list(String bucket, String prefix);

    /** An object as listed: its size, ETag and date, without its bytes. */
    record ObjectInfo(long bytes, Optional<String> etag, Optional<java.time.Instant> lastModified) {
    }
}

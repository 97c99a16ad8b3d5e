package dev.pictor.security;

import dev.pictor.error.ImageException;
import java.util.List;

/** Which buckets images may be read from: the source buckets and the processed one (SOURCE_BUCKETS, PROCESSED_BUCKET). */
public record SourcePolicy(List<String> readableBuckets, List<String> sourceBuckets) {

    public SourcePolicy {
        readableBuckets = List.copyOf(readableBuckets);
        sourceBuckets = List.copyOf(sourceBuckets);
    }

    /** Uploads go to source buckets only (never to the processed one). */
    public String requireUploadable(String bucket) {
        if (!sourceBuckets.contains(bucket)) {
            throw ImageException.forbidden("BucketNotAllowed", "the bucket '" + bucket + "' is not allowed");
        }
        return bucket;
    }

    /** @throws ImageException 403, naming only the bucket the request named */
    public String requireReadable(String bucket) {
        if (!readableBuckets.contains(bucket)) {
            throw ImageException.forbidden("BucketNotAllowed", "the bucket '" + bucket + "' is not allowed");
        }
        return bucket;
    }
}

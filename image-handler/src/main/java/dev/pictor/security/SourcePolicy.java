package dev.pictor.security;

import dev.pictor.error.ImageException;
import java.util.List;

/** Which buckets images may be read from: the source buckets and the processed one (SOURCE_BUCKETS, PROCESSED_BUCKET). */
public record SourcePolicy(List<String> readableBuckets) {

    public SourcePolicy {
        readableBuckets = List.copyOf(readableBuckets);
    }

    /** @throws ImageException 403, naming only the bucket the request named */
    public String requireReadable(String bucket) {
        if (!readableBuckets.contains(bucket)) {
            throw ImageException.forbidden("BucketNotAllowed", "the bucket '" + bucket + "' is not allowed");
        }
        return bucket;
    }
}

package dev.pictor.request;

import dev.pictor.edit.Keys;
import dev.pictor.edit.EditChain;
import java.util.Optional;

/**
 * What a URL asks for, whatever its dialect: the image (an empty bucket means the default one), the edits, the
 * signature it carries, if any, and its {@code expires} parameter, signed or not (as the Serverless Image Handler
 * honours it either way).
 */
public record ImageRequest(Optional<String> bucket, String key, EditChain chain, Optional<Signature> signature,
                           Optional<String> expires) {

    public ImageRequest(Optional<String> bucket, String key, EditChain chain, Optional<Signature> signature) {
        this(bucket, key, chain, signature, Optional.empty());
    }

    public ImageRequest {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key");
        }
    }

    public static ImageRequest unsigned(Optional<String> bucket, String key, EditChain chain) {
        return new ImageRequest(bucket, key, chain, Optional.empty());
    }

    /** Whether the image is named by a URL (Thumbor's HTTP loader) rather than a key in a bucket. */
    public boolean remote() {
        return Keys.isRemote(key);
    }

    /** The request as a stable text: what identifies its result, for cache keys, ETags and tests. */
    public String canonical() {
        return bucket.map(b -> b + ":").orElse("") + key + "|" + chain.canonical();
    }
}

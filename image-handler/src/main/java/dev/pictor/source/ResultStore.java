package dev.pictor.source;

import java.net.URI;
import java.util.Optional;

/**
 * Where results too large to answer inline (Lambda's 6 MB response limit) are kept, so that the client can be
 * redirected to them, and a later identical request finds them without rendering again.
 */
public interface ResultStore {

    /** A URL for a stored result, if there is one under this key. */
    Optional<URI> find(String key);

    /** Stores a result and answers a URL for it. */
    URI put(String key, byte[] bytes, String contentType, String cacheControl);
}

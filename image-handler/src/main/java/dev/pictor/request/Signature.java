package dev.pictor.request;

import java.util.Optional;

/**
 * A signature found in a request, with the exact text it claims to sign and, for query-style URLs, the expiry the
 * URL carries. Parsed here; verified by the security layer.
 */
public record Signature(Scheme scheme, String value, String signedText, Optional<String> expires) {

    public enum Scheme {
        /** Thumbor: {@code /<hmac>/<rest of path>}, HMAC-SHA1 over the rest of the path. */
        THUMBOR,
        /** Serverless Image Handler: {@code ?signature=} over the path and the other query parameters. */
        QUERY
    }
}

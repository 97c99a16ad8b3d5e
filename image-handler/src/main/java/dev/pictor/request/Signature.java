package dev.pictor.request;

/**
 * A signature found in a request, with the exact text it claims to sign. Parsed here; verified by the security
 * layer.
 */
public record Signature(Scheme scheme, String value, String signedText) {

    public enum Scheme {
        /** Thumbor: {@code /<hmac>/<rest of path>}, HMAC-SHA1 over the rest of the path. */
        THUMBOR,
        /** Serverless Image Handler: {@code ?signature=} over the path and the other query parameters. */
        QUERY
    }
}

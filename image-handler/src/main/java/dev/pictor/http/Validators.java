package dev.pictor.http;

import dev.pictor.source.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The validators of a response: a strong ETag that changes whenever the bytes can (the source's own ETag, the
 * normalised request, the engine), and the source's Last-Modified. A matching If-None-Match earns a 304 before any
 * pixel is decoded.
 */
record Validators(String etag, Optional<String> lastModified) {

    static Validators of(StoredObject source, String variant) {
        return of(Optional.of(source.etag().orElseGet(() -> digest(source.bytes()))), source.lastModified(), variant);
    }

    /** From what the store says of the source without reading it (its ETag, its date): the same validators. */
    static Validators of(Optional<String> sourceEtag, Optional<java.time.Instant> lastModified, String variant) {
        String etag = "\"" + digest((sourceEtag.orElseThrow() + "\n" + variant).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32) + "\"";
        return new Validators(etag, lastModified
                .map(t -> DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC))));
    }

    /** If-None-Match compares weakly (RFC 9110): a W/ prefix is ignored, and * matches any current entity. */
    boolean matches(Optional<String> ifNoneMatch) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String candidate : ifNoneMatch.get().split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    Map<String, String> headers(String cacheControl) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ETag", etag);
        headers.put("Cache-Control", cacheControl);
        lastModified.ifPresent(date -> headers.put("Last-Modified", date));
        return headers;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

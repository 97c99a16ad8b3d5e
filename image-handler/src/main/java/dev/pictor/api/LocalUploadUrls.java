package dev.pictor.api;

import dev.pictor.error.ImageException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local server's answer to S3 presigned PUT URLs: {@code PUT <api>/upload-target/<key>?...}, signed with a key
 * made at start-up (it never leaves the process), over the bucket, key, type, length and expiry.
 */
public final class LocalUploadUrls implements dev.pictor.source.UploadUrls {

    static final String PATH = "/upload-target/";

    private final byte[] key = new byte[32];
    private final Clock clock;

    public LocalUploadUrls(Clock clock) {
        new SecureRandom().nextBytes(key);
        this.clock = clock;
    }

    @Override
    public UploadUrl create(String bucket, String objectKey, String contentType, long bytes, Instant expires,
                            String base) {
        long until = expires.getEpochSecond();
        String query = "bucket=" + encode(bucket) + "&type=" + encode(contentType) + "&bytes=" + bytes + "&expires="
                + until + "&signature=" + sign(bucket, objectKey, contentType, bytes, until);
        return new UploadUrl(URI.create(base + PATH + encode(objectKey).replace("%2F", "/") + "?" + query),
                Map.of("Content-Type", contentType), Instant.ofEpochSecond(until));
    }

    /**
     * Checks a PUT against its URL: signature, expiry, announced length and type.
     *
     * @return the bucket to write to
     */
    String verify(String objectKey, Map<String, String> query, String contentType, int length) {
        String bucket = query.getOrDefault("bucket", "");
        String type = query.getOrDefault("type", "");
        long bytes;
        long until;
        try {
            bytes = Long.parseLong(query.getOrDefault("bytes", ""));
            until = Long.parseLong(query.getOrDefault("expires", ""));
        } catch (NumberFormatException e) {
            throw ImageException.forbidden("InvalidUploadUrl", "the upload URL is not one this server made");
        }
        byte[] expected = sign(bucket, objectKey, type, bytes, until).getBytes(StandardCharsets.US_ASCII);
        byte[] given = query.getOrDefault("signature", "").getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw ImageException.forbidden("InvalidUploadUrl", "the upload URL is not one this server made");
        }
        if (clock.instant().getEpochSecond() > until) {
            throw ImageException.forbidden("UploadUrlExpired", "the upload URL has expired; ask for a new one");
        }
        if (length != bytes) {
            throw ImageException.badRequest("WrongLength", "this URL takes exactly " + bytes + " bytes, got " + length);
        }
        if (!type.equalsIgnoreCase(contentType)) {
            throw ImageException.badRequest("WrongContentType", "this URL takes Content-Type " + type);
        }
        return bucket;
    }

    private String sign(String bucket, String objectKey, String type, long bytes, long until) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String text = bucket + "\n" + objectKey + "\n" + type + "\n" + bytes + "\n" + until;
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

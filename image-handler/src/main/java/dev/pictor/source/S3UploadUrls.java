package dev.pictor.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * S3 presigned PUT URLs. The signature covers the content type, the exact length and {@code If-None-Match: *}, so the
 * URL takes no larger file than was announced and cannot overwrite an original, even one uploaded through it before.
 */
public final class S3UploadUrls implements UploadUrls {

    private final S3Presigner presigner;

    public S3UploadUrls(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public UploadUrl create(String bucket, String key, String contentType, long bytes, Instant expires, String base) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p
                .signatureDuration(Duration.between(Instant.now(), expires))
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(bytes)
                        .ifNoneMatch("*")));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.signedHeaders().forEach((name, values) -> {
            // The client's HTTP stack sets these itself: Host from the URL, Content-Length from the body.
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        try {
            return new UploadUrl(signed.url().toURI(), Map.copyOf(headers), signed.expiration());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("S3 presigned an invalid URL", e);
        }
    }

    /** {@code if-none-match} as clients write it: {@code If-None-Match}. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}

package dev.pictor.source;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * URLs a client uploads an original to directly, for files larger than a request through the API can carry: S3
 * presigned PUT URLs, or the local server's own upload endpoint.
 */
public interface UploadUrls {

    /**
     * A URL to PUT exactly {@code bytes} bytes of {@code contentType} to, which never replaces an existing object.
     *
     * @param base the origin the request for it came to (the local server answers with URLs to itself)
     */
    UploadUrl create(String bucket, String key, String contentType, long bytes, Instant expires, String base);

    /** Where to PUT, the headers the PUT must carry (they are signed), and until when the URL works. */
    record UploadUrl(URI url, Map<String, String> headers, Instant expires) {
    }
}

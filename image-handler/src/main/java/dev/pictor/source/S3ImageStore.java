package dev.pictor.source;

import dev.pictor.error.ImageException;
import dev.pictor.edit.Keys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Originals and variants in S3, or any S3-compatible server. Which buckets may be read is the service's policy, not
 * this class's. Failures S3 may not repeat (network errors, throttling, 5xx) are 503s: the caller may try again, and
 * the pre-generation function fails its invocation so that Lambda does.
 */
public final class S3ImageStore implements ImageStore {

    private static final System.Logger LOG = System.getLogger(S3ImageStore.class.getName());

    private final S3Client s3;

    public S3ImageStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public StoredObject get(String bucket, String key, long maxBytes) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(Keys.requireSafe(key)).build();
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(request)) {
            GetObjectResponse head = body.response();
            if (head.contentLength() != null && head.contentLength() > maxBytes) {
                // Closing without reading aborts the transfer: the body is never downloaded.
                body.abort();
                throw ImageException.tooLarge("SourceTooLarge", "the source image is " + head.contentLength()
                        + " bytes, over the limit of " + maxBytes);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw ImageException.tooLarge("SourceTooLarge", "the source image is over the limit of "
                        + maxBytes + " bytes");
            }
            return new StoredObject(bytes, Optional.ofNullable(head.eTag()), Optional.ofNullable(head.lastModified()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw notFound(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw notFound(key);
            }
            if (e.statusCode() == 403) {
                // Without s3:ListBucket, S3 answers 403 for a missing key too; say nothing about which it was.
                LOG.log(System.Logger.Level.WARNING, "S3 denied " + bucket + "/" + key + ": " + e.getMessage());
                throw notFound(key);
            }
            throw failed("reading " + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw failed("reading " + bucket + "/" + key, e);
        } catch (IOException e) {
            throw ImageException.unavailable("SourceUnavailable", "the image could not be read; try again", e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(Keys.requireSafe(key)).contentType(contentType),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failed("writing " + bucket + "/" + key, e);
        }
    }

    /**
     * S3's conditional write (If-None-Match: *) for each key in turn: the check and the write are one step there too.
     * A 412 can also be the answer to the SDK's retry of a write whose first attempt was stored but whose answer was
     * lost: when the object there now holds exactly these bytes (its ETag is their MD5), the write did happen.
     */
    @Override
    public Optional<String> putNew(String bucket, List<String> keys, byte[] bytes, String contentType) {
        for (String key : keys) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(Keys.requireSafe(key)).contentType(contentType)
                        .ifNoneMatch("*"), RequestBody.fromBytes(bytes));
                return Optional.of(key);
            } catch (S3Exception e) {
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw failed("writing " + bucket + "/" + key, e);
                }
                if (head(bucket, key).flatMap(ObjectInfo::etag)
                        .map(etag -> etag.replace("\"", "").equalsIgnoreCase(md5(bytes))).orElse(false)) {
                    return Optional.of(key);
                }
            } catch (SdkException e) {
                throw failed("writing " + bucket + "/" + key, e);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(Keys.requireSafe(key)));
            return Optional.of(new ObjectInfo(head.contentLength() == null ? 0 : head.contentLength(),
                    Optional.ofNullable(head.eTag()), Optional.ofNullable(head.lastModified())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("looking up " + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw failed("looking up " + bucket + "/" + key, e);
        }
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                page.contents().forEach(object -> keys.add(object.key()));
            }
            return keys;
        } catch (SdkException e) {
            throw failed("listing " + bucket + "/" + prefix, e);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static ImageException notFound(String key) {
        return ImageException.notFound("no image with key '" + key + "'");
    }

    /** 503 for what may pass (network, throttling, 5xx), 500 for the rest; the cause goes to the log only. */
    private static ImageException failed(String what, SdkException e) {
        boolean transient_ = !(e instanceof S3Exception s3) || s3.statusCode() >= 500 || s3.statusCode() == 429
                || e.retryable();
        return transient_ ? ImageException.unavailable("StoreUnavailable", "storage failed for now; try again", e)
                : ImageException.internal(what + " in S3 failed", e);
    }
}

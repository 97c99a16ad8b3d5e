package dev.pictor.source;

import dev.pictor.error.ImageException;
import dev.pictor.request.Keys;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Originals in S3, or any S3-compatible server. Which buckets may be read is the service's policy, not this class's. */
public final class S3ImageSource implements ImageSource {

    private static final System.Logger LOG = System.getLogger(S3ImageSource.class.getName());

    private final S3Client s3;

    public S3ImageSource(S3Client s3) {
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
            throw ImageException.notFound("no image with key '" + key + "'");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw ImageException.notFound("no image with key '" + key + "'");
            }
            if (e.statusCode() == 403) {
                // Without s3:ListBucket, S3 answers 403 for a missing key too; say nothing about which it was.
                LOG.log(System.Logger.Level.WARNING, "S3 denied " + bucket + "/" + key + ": " + e.getMessage());
                throw ImageException.notFound("no image with key '" + key + "'");
            }
            throw ImageException.internal("reading " + bucket + "/" + key + " from S3 failed", e);
        } catch (SdkException | IOException e) {
            throw ImageException.internal("reading " + bucket + "/" + key + " from S3 failed", e);
        }
    }
}

package dev.pictor.source;

import dev.pictor.error.ImageException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Large results in an S3 bucket (OUTPUT_BUCKET), handed out as presigned GET URLs: the bucket stays private, and the
 * client (a browser, or CloudFront passing the redirect on) follows the URL for as long as it is valid.
 */
public final class S3ResultStore implements ResultStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration validity;

    public S3ResultStore(S3Client s3, S3Presigner presigner, String bucket, Duration validity) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.validity = validity;
    }

    @Override
    public Optional<URI> find(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(url(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw ImageException.internal("looking up result " + key + " failed", e);
        } catch (SdkException e) {
            throw ImageException.internal("looking up result " + key + " failed", e);
        }
    }

    @Override
    public URI put(String key, byte[] bytes, String contentType, String cacheControl) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl),
                    RequestBody.fromBytes(bytes));
            return url(key);
        } catch (SdkException e) {
            throw ImageException.internal("storing result " + key + " failed", e);
        }
    }

    private URI url(String key) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(validity)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
        } catch (java.net.URISyntaxException e) {
            throw ImageException.internal("presigning " + key + " failed", e);
        }
    }
}

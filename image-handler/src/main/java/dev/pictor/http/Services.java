package dev.pictor.http;

import dev.pictor.config.Config;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.engine.turbojpeg.TurboJpeg;
import dev.pictor.engine.turbojpeg.TurboJpegCodec;
import dev.pictor.engine.heif.LibHeif;
import dev.pictor.engine.vips.Vips;
import dev.pictor.engine.vips.LazyVipsCodec;
import dev.pictor.source.BundledSamples;
import dev.pictor.source.ImageSource;
import dev.pictor.source.LocalFolderSource;
import dev.pictor.security.SecretsManagerKeys;
import dev.pictor.security.SigningKeys;
import dev.pictor.source.ResultStore;
import dev.pictor.source.S3ImageSource;
import dev.pictor.source.S3ResultStore;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/** Builds the service both adapters run, from the configuration alone. */
public final class Services {

    private Services() {
    }

    /** Lambda answers at most 6 MB; a body is base64 in the response, so 4.5 MB of image is the most that fits. */
    public static final long LAMBDA_INLINE_BYTES = 4_500_000;

    public static ImageService create(Config config) {
        Optional<ResultStore> results = config.outputBucket().map(bucket -> new S3ResultStore(s3(config),
                presigner(config), bucket, ImageService.RESULT_URL_VALIDITY));
        return new ImageService(config, source(config), engine(config), results,
                config.onLambda() ? LAMBDA_INLINE_BYTES : Long.MAX_VALUE, keys(config));
    }

    /** Keys from Secrets Manager when a secret is named (SECRETS_MANAGER, field SECRET_KEY), else SECURITY_KEYS. */
    public static SigningKeys keys(Config config) {
        if (config.secretsManagerId().isEmpty()) {
            return SigningKeys.fixed(config.securityKeys());
        }
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region(config));
        config.secretsManagerEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return new SecretsManagerKeys(builder.build(), config.secretsManagerId().get(), config.secretKeyField(),
                Clock.systemUTC());
    }

    /** A folder when one is named; S3 on Lambda or when an endpoint is named; else the bundled samples. */
    public static ImageSource source(Config config) {
        if (config.imagesDir().isPresent()) {
            return new LocalFolderSource(config.imagesDir().get());
        }
        if (config.s3Endpoint().isPresent() || config.onLambda()) {
            return new S3ImageSource(s3(config));
        }
        return new LocalFolderSource(BundledSamples.unpack());
    }

    /** One region for every AWS client: S3_REGION, else AWS_REGION (set on Lambda), else us-east-1. */
    private static Region region(Config config) {
        return Region.of(config.s3Region().orElse("us-east-1"));
    }

    public static S3Presigner presigner(Config config) {
        S3Presigner.Builder builder = S3Presigner.builder().region(region(config));
        config.s3Endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    public static S3Client s3(Config config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region(config));
        config.s3Endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint))
                .forcePathStyle(true));
        return builder.build();
    }

    /**
     * The fastest engine this machine can run: libjpeg-turbo for JPEG; libvips for AVIF and animated WebP where it was
     * fetched, and the system's libheif for HEIC sources, both loaded on first use; all this unless native codecs are
     * switched off, and pure JVM (no AVIF, no HEIC, animations as GIF) otherwise.
     */
    public static ImageEngine engine(Config config) {
        if (!config.nativeCodecs()) {
            return new Java2dEngine();
        }
        Optional<LazyVipsCodec> vips = Vips.locate(config.libvipsPath()).map(LazyVipsCodec::new);
        return new Java2dEngine(TurboJpeg.load().map(TurboJpegCodec::new), vips.map(v -> v),
                Optional.of(LibHeif.onFirstUse()), vips.map(v -> v));
    }
}

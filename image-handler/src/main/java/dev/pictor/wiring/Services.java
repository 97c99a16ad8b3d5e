package dev.pictor.wiring;

import dev.pictor.api.ApiService;
import dev.pictor.api.LocalUploadUrls;
import dev.pictor.config.Config;
import dev.pictor.config.ConfigException;
import dev.pictor.config.Setting;
import dev.pictor.engine.codec.NativeLibrary;
import dev.pictor.http.ImageService;
import dev.pictor.http.ServedListener;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.engine.turbojpeg.TurboJpeg;
import dev.pictor.engine.turbojpeg.TurboJpegCodec;
import dev.pictor.engine.heif.LibHeif;
import dev.pictor.engine.vips.Vips;
import dev.pictor.rekognition.RekognitionDetector;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import dev.pictor.engine.vips.LazyVipsCodec;
import dev.pictor.metadata.AccessStats;
import dev.pictor.metadata.DynamoMetadataStore;
import dev.pictor.metadata.FileMetadataStore;
import dev.pictor.metadata.MetadataStore;
import dev.pictor.render.Renderer;
import dev.pictor.source.BundledSamples;
import dev.pictor.source.ImageStore;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.security.SecretsManagerKeys;
import dev.pictor.security.SigningKeys;
import dev.pictor.source.ResultStore;
import dev.pictor.source.S3ImageStore;
import dev.pictor.source.S3ResultStore;
import dev.pictor.source.S3UploadUrls;
import dev.pictor.source.UploadUrls;
import dev.pictor.variants.UploadProcessor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds what the adapters run, from the configuration alone. */
public final class Services {

    private Services() {
    }

    /** Lambda answers at most 6 MB; a body is base64 in the response, so 4.5 MB of image is the most that fits. */
    public static final long LAMBDA_INLINE_BYTES = 4_500_000;

    /** Accesses waiting to be counted at most, and how often they are written. */
    private static final int ACCESS_QUEUE = 10_000;
    private static final Duration ACCESS_FLUSH = Duration.ofSeconds(2);

    /**
     * The parts every adapter shares, built once per process: storage, the renderer (with its one pixel budget) and
     * the metadata store, when there is one.
     */
    public record Parts(Config config, ImageStore store, Renderer renderer, Optional<MetadataStore> metadata,
                        Optional<AccessStats> accessStats) {
    }

    public static Parts parts(Config config) {
        ImageStore store = source(config);
        Optional<MetadataStore> metadata = metadata(config, store);
        return new Parts(config, store, new Renderer(config, store, engine(config)), metadata,
                metadata.map(m -> new AccessStats(m, UploadProcessor.UPLOADS, ACCESS_QUEUE, ACCESS_FLUSH,
                        Clock.systemUTC())));
    }

    /** The largest image answered in a body: on Lambda, what its 6 MB response holds after base64. */
    private static long maxInlineBytes(Config config) {
        return config.onLambda() ? LAMBDA_INLINE_BYTES : Long.MAX_VALUE;
    }

    public static ImageService create(Config config) {
        return imageService(parts(config));
    }

    /** The on-demand service; it counts accesses to uploads when there is a metadata store. */
    public static ImageService imageService(Parts parts) {
        Config config = parts.config();
        Optional<ResultStore> results = config.outputBucket().map(bucket -> new S3ResultStore(s3(config),
                presigner(config), bucket, ImageService.RESULT_URL_VALIDITY));
        ServedListener served = parts.accessStats().<ServedListener>map(stats -> stats::served)
                .orElse(ServedListener.NONE);
        return new ImageService(config, parts.store(), parts.renderer(), results, maxInlineBytes(config),
                keys(config), served);
    }

    public static UploadProcessor uploadProcessor(Parts parts) {
        Config config = parts.config();
        return new UploadProcessor(parts.store(), parts.renderer(), config.variants(), config.sourceBuckets(),
                config.processedBucket(), parts.metadata(), Clock.systemUTC());
    }

    /** The REST API: uploads go where originals are read from; upload URLs are S3's, or the local server's own. */
    public static ApiService api(Parts parts, UploadProcessor uploads) {
        Config config = parts.config();
        UploadUrls urls = parts.store() instanceof LocalFolderStore ? new LocalUploadUrls(Clock.systemUTC())
                : new S3UploadUrls(presigner(config));
        return new ApiService(config, parts.store(), parts.renderer(), uploads, parts.metadata(), urls,
                Clock.systemUTC(), maxInlineBytes(config));
    }

    /**
     * DynamoDB when METADATA_TABLE names a table; else, for a local folder, files beside the images; else (S3 without
     * a table) none.
     */
    public static Optional<MetadataStore> metadata(Config config, ImageStore store) {
        if (config.metadataTable().isPresent()) {
            return Optional.of(new DynamoMetadataStore(dynamoDb(config), config.metadataTable().get()));
        }
        if (store instanceof LocalFolderStore folder) {
            return Optional.of(new FileMetadataStore(folder.root()));
        }
        return Optional.empty();
    }

    /** Keys from Secrets Manager when a secret is named (SECRETS_MANAGER, field SECRET_KEY), else SECURITY_KEYS. */
    public static SigningKeys keys(Config config) {
        if (config.secretsManagerId().isEmpty()) {
            return SigningKeys.fixed(config.securityKeys());
        }
        return new SecretsManagerKeys(client(SecretsManagerClient.builder(), config, config.secretsManagerEndpoint()),
                config.secretsManagerId().get(), config.secretKeyField(), Clock.systemUTC());
    }

    /** A folder when one is named; S3 on Lambda or when an endpoint is named; else the bundled samples. */
    public static ImageStore source(Config config) {
        if (config.imagesDir().isPresent()) {
            return new LocalFolderStore(config.imagesDir().get());
        }
        if (config.s3Endpoint().isPresent() || config.onLambda()) {
            return new S3ImageStore(s3(config));
        }
        return new LocalFolderStore(BundledSamples.unpack());
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

    public static DynamoDbClient dynamoDb(Config config) {
        return client(DynamoDbClient.builder(), config, config.dynamodbEndpoint());
    }

    /** An AWS client as every one here is made: the small HTTP client, the one region, an endpoint when named. */
    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder,
            Config config, Optional<String> endpoint) {
        builder.httpClient(UrlConnectionHttpClient.create()).region(region(config));
        endpoint.ifPresent(uri -> builder.endpointOverride(URI.create(uri)));
        return builder.build();
    }

    /**
     * The fastest engine this machine can run: libjpeg-turbo for JPEG; libvips for AVIF and animated WebP where it was
     * fetched, and the system's libheif for HEIC sources, both loaded on first use; all this unless native codecs are
     * switched off, and pure JVM (no AVIF, no HEIC, animations as GIF) otherwise.
     */
    public static ImageEngine engine(Config config) {
        Java2dEngine engine = codecs(config);
        return config.rekognitionEnabled() ? engine.detecting(rekognition(config)) : engine;
    }

    /** Amazon Rekognition for face crops and moderation; its client is built by the first request that asks. */
    private static RekognitionDetector rekognition(Config config) {
        return new RekognitionDetector(() -> client(RekognitionClient.builder(), config, config.rekognitionEndpoint()));
    }

    private static Java2dEngine codecs(Config config) {
        if (!config.nativeCodecs()) {
            return new Java2dEngine();
        }
        NativeLibrary<Vips> libvips = Vips.library(config.libvipsPath());
        if (config.libvipsPath().isPresent() && libvips.get().isEmpty()) {
            // Named explicitly, it must be honoured: no quiet fall-back to another copy, or to no AVIF at all.
            throw new ConfigException(Setting.LIBVIPS_PATH, "names a libvips that does not load: " + libvips.whyNot());
        }
        Optional<LazyVipsCodec> vips = libvips.firstFile().map(file -> new LazyVipsCodec(libvips));
        return new Java2dEngine(TurboJpeg.load().map(TurboJpegCodec::new), vips.map(v -> v),
                Optional.of(LibHeif.onFirstUse()), vips.map(v -> v), vips.map(v -> v));
    }
}

package dev.pictor.config;

import dev.pictor.edit.Placement;
import dev.pictor.edit.Variant;
import dev.pictor.edit.Watermark;
import dev.pictor.edit.Keys;
import dev.pictor.request.Limits;
import dev.pictor.request.PathRewrite;
import dev.pictor.request.Values;
import dev.pictor.request.VariantParser;
import dev.pictor.source.RemoteHosts;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, typed. Built from environment variables, then command-line flags (local server only)
 * override them. A bad value fails at start-up with a message naming the setting.
 */
public record Config(int port, Optional<Path> imagesDir, Optional<String> s3Endpoint, Optional<String> s3Region,
                     Optional<String> outputBucket,
                     boolean onLambda, List<String> sourceBuckets, RemoteHosts httpSources,
                     boolean rekognitionEnabled, Optional<String> rekognitionEndpoint, List<String> securityKeys,
                     Optional<String> secretsManagerId, String secretKeyField, Optional<String> secretsManagerEndpoint,
                     boolean allowUnsafe,
                     int maxOutputWidth,
                     int maxOutputHeight, long maxSourcePixels, long maxSourceBytes, long pixelBudget,
                     long requestTimeoutMillis, int defaultQuality,
                     long cacheMaxAge, long errorCacheMaxAge, boolean autoFormat, boolean corsEnabled,
                     String corsOrigin,
                     Optional<String> fallbackImage, boolean nativeCodecs, Optional<Watermark> watermark,
                     Optional<PathRewrite> rewrite, Optional<Path> libvipsPath,
                     String processedBucket, List<Variant> variants, Optional<String> processedUrl,
                     Optional<String> metadataTable, Optional<String> dynamodbEndpoint, boolean watchUploads,
                     String logLevel, boolean demoSigning) {

    public Config {
        sourceBuckets = List.copyOf(sourceBuckets);
        if (demoSigning && securityKeys.isEmpty()) {
            throw new ConfigException(Setting.DEMO_SIGNING, "signs with the first of SECURITY_KEYS: set them too");
        }
        securityKeys = List.copyOf(securityKeys);
        variants = List.copyOf(variants);
        if (sourceBuckets.isEmpty()) {
            throw new ConfigException(Setting.SOURCE_BUCKETS, "must name at least one bucket");
        }
    }

    /** The bounds the request parsers check a URL's sizes against. */
    public Limits limits() {
        return new Limits(maxOutputWidth, maxOutputHeight);
    }

    public static Config fromEnvironment(Map<String, String> env) {
        return from(env, new String[0]);
    }

    /** Environment first, flags ({@code --port 9000} or {@code --port=9000}) over it. */
    public static Config from(Map<String, String> env, String[] args) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String fromEnv = env.get(setting.name());
            values.put(setting, fromEnv != null ? fromEnv.trim() : setting.defaultValue());
        }
        if (values.get(Setting.S3_REGION).isEmpty() && env.get("AWS_REGION") != null) {
            values.put(Setting.S3_REGION, env.get("AWS_REGION"));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Setting setting = Arrays.stream(Setting.values()).filter(s -> s.flag().equals(flag)).findFirst()
                    .orElseThrow(() -> new ConfigException(null, "unknown option " + flag));
            if (arg.contains("=")) {
                values.put(setting, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                values.put(setting, args[++i]);
            } else {
                throw new ConfigException(setting, "needs a value after " + flag);
            }
        }
        return build(values, env.containsKey("AWS_LAMBDA_FUNCTION_NAME"));
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Config build(Map<Setting, String> v, boolean onLambda) {
        String dir = v.get(Setting.IMAGES_DIR);
        List<String> buckets = Arrays.stream(v.get(Setting.SOURCE_BUCKETS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        int maxWidth = (int) number(v, Setting.MAX_OUTPUT_WIDTH, 1, 65535);
        int maxHeight = (int) number(v, Setting.MAX_OUTPUT_HEIGHT, 1, 65535);
        Optional<Watermark> watermark = watermark(v);
        return new Config(
                (int) number(v, Setting.PORT, 0, 65535),
                dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
                optional(v.get(Setting.S3_ENDPOINT)),
                optional(v.get(Setting.S3_REGION)),
                optional(v.get(Setting.OUTPUT_BUCKET)),
                onLambda,
                buckets,
                httpSources(v),
                bool(v, Setting.REKOGNITION_ENABLED),
                optional(v.get(Setting.REKOGNITION_ENDPOINT)),
                Arrays.stream(v.get(Setting.SECURITY_KEYS).split(",")).map(String::trim).filter(k -> !k.isEmpty())
                        .toList(),
                optional(v.get(Setting.SECRETS_MANAGER)),
                v.get(Setting.SECRET_KEY),
                optional(v.get(Setting.SECRETS_MANAGER_ENDPOINT)),
                bool(v, Setting.ALLOW_UNSAFE),
                maxWidth,
                maxHeight,
                number(v, Setting.MAX_SOURCE_PIXELS, 1, Long.MAX_VALUE),
                number(v, Setting.MAX_SOURCE_BYTES, 1, Long.MAX_VALUE),
                number(v, Setting.PIXEL_BUDGET, 0, Long.MAX_VALUE),
                number(v, Setting.REQUEST_TIMEOUT_MS, 1, Long.MAX_VALUE),
                (int) number(v, Setting.DEFAULT_QUALITY, 1, 100),
                number(v, Setting.CACHE_MAX_AGE, 0, Long.MAX_VALUE),
                number(v, Setting.ERROR_CACHE_MAX_AGE, 0, Long.MAX_VALUE),
                bool(v, Setting.AUTO_FORMAT),
                bool(v, Setting.CORS_ENABLED),
                v.get(Setting.CORS_ORIGIN),
                optional(v.get(Setting.FALLBACK_IMAGE)),
                bool(v, Setting.NATIVE_CODECS),
                watermark,
                rewrite(v),
                optional(v.get(Setting.LIBVIPS_PATH)).map(Path::of),
                bucketName(v, Setting.PROCESSED_BUCKET),
                variants(v, new Limits(maxWidth, maxHeight), watermark),
                optional(v.get(Setting.PROCESSED_URL)).map(url -> url.replaceAll("/+$", "")),
                optional(v.get(Setting.METADATA_TABLE)),
                optional(v.get(Setting.DYNAMODB_ENDPOINT)),
                bool(v, Setting.WATCH_UPLOADS),
                logLevel(v),
                bool(v, Setting.DEMO_SIGNING));
    }

    private static RemoteHosts httpSources(Map<Setting, String> v) {
        try {
            return RemoteHosts.parse(v.get(Setting.HTTP_SOURCES), bool(v, Setting.HTTP_SOURCES_ALLOW_PRIVATE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.HTTP_SOURCES, e.getMessage());
        }
    }

    private static String logLevel(Map<Setting, String> v) {
        String level = v.get(Setting.LOG_LEVEL).trim().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("ERROR", "WARN", "INFO", "DEBUG").contains(level)) {
            throw new ConfigException(Setting.LOG_LEVEL, "must be ERROR, WARN, INFO or DEBUG, got '"
                    + v.get(Setting.LOG_LEVEL) + "'");
        }
        return level;
    }

    private static String bucketName(Map<Setting, String> v, Setting setting) {
        try {
            return Keys.requireBucketName(v.get(setting));
        } catch (RuntimeException e) {
            throw new ConfigException(setting, e.getMessage());
        }
    }

    private static List<Variant> variants(Map<Setting, String> v, Limits limits, Optional<Watermark> watermark) {
        String json = v.get(Setting.VARIANTS).isBlank() ? VariantParser.DEFAULT : v.get(Setting.VARIANTS);
        try {
            return VariantParser.parse(json, limits, watermark);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.VARIANTS, e.getMessage());
        }
    }

    private static Optional<PathRewrite> rewrite(Map<Setting, String> v) {
        String match = v.get(Setting.REWRITE_MATCH_PATTERN);
        String substitution = v.get(Setting.REWRITE_SUBSTITUTION);
        if (match.isEmpty() || substitution.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PathRewrite.of(match, substitution));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.REWRITE_MATCH_PATTERN, e.getMessage());
        }
    }

    private static Optional<Watermark> watermark(Map<Setting, String> v) {
        String key = v.get(Setting.WATERMARK_KEY);
        if (key.isBlank()) {
            return Optional.empty();
        }
        String[] position = v.get(Setting.WATERMARK_POSITION).split(",");
        if (position.length == 1) {
            // One value for both: "center" centres the mark, "repeat" tiles it.
            position = new String[] {position[0], position[0]};
        }
        if (position.length != 2) {
            throw new ConfigException(Setting.WATERMARK_POSITION, "must be x,y (or one value for both, e.g. center)");
        }
        try {
            int opacity = (int) number(v, Setting.WATERMARK_OPACITY, 1, 100);
            double scale = number(v, Setting.WATERMARK_SCALE, 1, 100);
            return Optional.of(new Watermark(Optional.empty(), key,
                    Placement.parse("x", position[0]), Placement.parse("y", position[1]),
                    100 - opacity, Optional.of(scale), Optional.empty()));
        } catch (RuntimeException e) {
            throw new ConfigException(Setting.WATERMARK_POSITION, e.getMessage());
        }
    }

    private static boolean bool(Map<Setting, String> values, Setting setting) {
        return Values.flag(values.get(setting)).orElseThrow(() -> new ConfigException(setting,
                "must be true or false, got '" + values.get(setting) + "'"));
    }

    private static long number(Map<Setting, String> values, Setting setting, long min, long max) {
        String text = values.get(setting);
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > max) {
                throw new ConfigException(setting, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "must be a whole number, got '" + text + "'");
        }
    }

    public String defaultBucket() {
        return sourceBuckets.getFirst();
    }

    /** The buckets images may be read from: the source buckets and the processed one, whose variants are images too. */
    public List<String> readableBuckets() {
        return sourceBuckets.contains(processedBucket) ? sourceBuckets
                : java.util.stream.Stream.concat(sourceBuckets.stream(), java.util.stream.Stream.of(processedBucket))
                        .toList();
    }

    // The accessors users of the original design know, over the same settings.

    /** SOURCE_BUCKETS. */
    public List<String> getSourceBuckets() {
        return sourceBuckets;
    }

    /** The bucket variants are written to (PROCESSED_BUCKET), the original design's output bucket. */
    public String getOutputBucket() {
        return processedBucket;
    }

    /** Whether answers may be cached at all (CACHE_MAX_AGE above 0). */
    public boolean isCacheEnabled() {
        return cacheMaxAge > 0;
    }
}

package dev.pictor.config;

/**
 * Every setting: its environment variable (the same name locally and on Lambda), its command-line flag for the
 * local server, its default and what it means. The README's configuration table mirrors this list.
 */
public enum Setting {
    PORT("--port", "8080", "Port of the local server (it listens on 127.0.0.1 only)."),
    IMAGES_DIR("--images", "",
            "Folder of originals; each top-level folder is a bucket. Empty: S3 on Lambda or with S3_ENDPOINT, "
                    + "else the bundled samples."),
    S3_ENDPOINT("--s3-endpoint", "",
            "Read originals from this S3-compatible endpoint (MinIO, S3Proxy, ...) instead of a folder, path-style."),
    S3_REGION("--s3-region", "", "Region of the S3 client. Empty: AWS_REGION (set on Lambda), else us-east-1."),
    OUTPUT_BUCKET("--output-bucket", "",
            "S3 bucket for results too large to answer inline (Lambda's 6 MB limit); answered with a 302 to them."),
    SOURCE_BUCKETS("--buckets", "images", "Comma list of the buckets that may be read; the first is the default."),
    HTTP_SOURCES("--http-sources", "",
            "Comma list of the hosts images may be fetched from by URL in Thumbor paths (/unsafe/300x200/https://host/a.jpg): "
                    + "names, *.domain, or * for any. Empty: none (403)."),
    HTTP_SOURCES_ALLOW_PRIVATE("--http-sources-allow-private", "false",
            "Let HTTP_SOURCES hosts resolve to private, loopback or link-local addresses (refused otherwise)."),
    REKOGNITION_ENABLED("--rekognition", "false",
            "Call Amazon Rekognition for the SIH smartCrop (DetectFaces) and contentModeration (DetectModerationLabels). "
                    + "false: smartCrop crops to the subject found by saliency, contentModeration answers 400."),
    REKOGNITION_ENDPOINT("--rekognition-endpoint", "", "Endpoint override for Rekognition (tests, VPC)."),
    SECURITY_KEYS("--security-keys", "",
            "Comma list of URL signing keys (several for rotation). Set: only signed URLs are served. Empty: only unsigned."),
    SECRETS_MANAGER("--secrets-manager", "",
            "Name or ARN of an AWS Secrets Manager secret holding the signing keys (a JSON object). Empty: SECURITY_KEYS."),
    SECRET_KEY("--secret-key", "signingKeys", "Field of that secret's JSON that holds the keys (a comma list)."),
    SECRETS_MANAGER_ENDPOINT("--secrets-manager-endpoint", "", "Endpoint override for Secrets Manager (tests, VPC)."),
    ALLOW_UNSAFE("--allow-unsafe", "false", "With SECURITY_KEYS set, still serve unsigned URLs (/unsafe/ and plain)."),
    MAX_OUTPUT_WIDTH("--max-width", "4096",
            "Largest output width in pixels a request may ask for (twice a wide screen; its cost grows with the area)."),
    MAX_OUTPUT_HEIGHT("--max-height", "4096", "Largest output height in pixels a request may ask for."),
    MAX_SOURCE_PIXELS("--max-source-pixels", "100000000",
            "Largest source (width x height) that is decoded; checked from the header, before decoding."),
    MAX_SOURCE_BYTES("--max-source-bytes", "52428800", "Largest source file in bytes."),
    PIXEL_BUDGET("--pixel-budget", "0",
            "Pixels all requests may hold in memory at once; more wait (up to 20 s, then 503). 0: fit to the heap."),
    REQUEST_TIMEOUT_MS("--request-timeout", "25000",
            "Time budget of one request in milliseconds (API Gateway stops at 29 s); past it, 503."),
    DEFAULT_QUALITY("--quality", "80", "Encoder quality (1-100) when a request names none."),
    CACHE_MAX_AGE("--cache-max-age", "31536000", "Cache-Control max-age in seconds for images."),
    ERROR_CACHE_MAX_AGE("--error-cache-max-age", "60", "Cache-Control max-age in seconds for error responses."),
    AUTO_FORMAT("--auto-format", "false",
            "With no format in the URL, answer the best format the Accept header allows (AVIF, WebP), with Vary: Accept."),
    CORS_ENABLED("--cors", "false", "Answer cross-origin requests: Access-Control-* headers and OPTIONS preflight."),
    CORS_ORIGIN("--cors-origin", "*", "The origin allowed when CORS is enabled."),
    FALLBACK_IMAGE("--fallback-image", "",
            "Key (default bucket) of an image sent instead of the JSON body of errors, with the error's status."),
    NATIVE_CODECS("--native-codecs", "true",
            "Use the bundled libjpeg-turbo for JPEG when it loads (true), or the pure-JVM codecs only (false)."),
    REWRITE_MATCH_PATTERN("--rewrite-match", "",
            "Serverless Image Handler rewrite: a /regex/flags (or literal text) matched on the path before parsing."),
    REWRITE_SUBSTITUTION("--rewrite-substitution", "",
            "What REWRITE_MATCH_PATTERN's match becomes ($1, $& as in JavaScript); both set or the rewrite is off."),
    LIBVIPS_PATH("--libvips", "",
            "libvips-cpp.so (or its folder) for AVIF. Empty: native/libvips/<platform>/ (fetched by the build), "
                    + "then Lambda's lib/."),
    WATERMARK_KEY("--watermark", "",
            "Key of the image that watermark=true lays over the output (in the default bucket). Empty: none."),
    WATERMARK_POSITION("--watermark-position", "-10,-10",
            "x,y of the configured watermark, Thumbor style: pixels (negative from the far edge), 20p, center."),
    WATERMARK_OPACITY("--watermark-opacity", "60", "Opacity of the configured watermark in percent (1-100)."),
    WATERMARK_SCALE("--watermark-scale", "25",
            "Width of the configured watermark as a percentage of the output width (1-100)."),
    PROCESSED_BUCKET("--processed-bucket", "processed",
            "Bucket (locally: folder of IMAGES_DIR) the variants of uploads are written to, under processed/."),
    VARIANTS("--variants", "",
            "JSON array of the variants made of every upload, in the query-style vocabulary plus suffix. Empty: "
                    + "thumb 100x100, medium 500x500, large 1024x1024, each covering its size exactly."),
    PROCESSED_URL("--processed-url", "",
            "Base URL the processed bucket is served from (CloudFront), for the variant URLs the API answers. "
                    + "Empty: this service's /image/<processed bucket>/ URLs."),
    METADATA_TABLE("--metadata-table", "",
            "DynamoDB table of image metadata. Empty: on Lambda no metadata; locally a file store under IMAGES_DIR."),
    DYNAMODB_ENDPOINT("--dynamodb-endpoint", "", "Endpoint override for DynamoDB (tests, dynalite)."),
    LOG_LEVEL("--log-level", "INFO",
            "ERROR, WARN, INFO or DEBUG. Logs are JSON lines with the request id (on a terminal, readable lines)."),
    DEMO_SIGNING("--demo-signing", "false",
            "Local server: the demo page may ask it to sign URLs with the first of SECURITY_KEYS (the key stays here)."),
    WATCH_UPLOADS("--watch-uploads", "true",
            "Local server: make the variants of files dropped into <images>/<default bucket>/uploads/ at once.");

    private final String flag;
    private final String defaultValue;
    private final String description;

    Setting(String flag, String defaultValue, String description) {
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}

package dev.pictor.local;

import dev.pictor.config.Config;
import dev.pictor.signer.AsRequested;
import dev.pictor.signer.QuerySigner;
import dev.pictor.signer.ThumborSigner;
import dev.pictor.source.ImageStore;
import dev.pictor.variants.UploadProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the local server says when it starts: what it serves, and URLs to try that answer as printed, made of an
 * image that is there (signed, when the configuration wants signatures).
 */
final class Banner {

    private static final Set<String> IMAGES = Set.of("jpg", "jpeg", "png", "webp", "gif", "avif", "heic", "tif",
            "tiff", "bmp");

    private Banner() {
    }

    static List<String> lines(Config config, ImageStore store, String base, Optional<Path> watched) {
        List<String> lines = new ArrayList<>();
        lines.add("Pictor is serving " + config.imagesDir().map(Object::toString).or(config::s3Endpoint)
                .orElse("S3") + " (buckets " + config.sourceBuckets() + ") on " + base + "/");
        lines.add("  the demo page: " + base + "/");
        Optional<String> example = example(store, config.defaultBucket());
        if (example.isEmpty()) {
            lines.add("  no image in " + config.defaultBucket() + " yet: add some, or upload one");
        } else {
            String key = AsRequested.encode("/" + example.get()).substring(1);
            String thumbor = "/500x500/filters:grayscale()/" + key;
            String query = "/" + key + "?width=300&height=200&format=webp";
            if (!config.securityKeys().isEmpty()) {
                String signingKey = config.securityKeys().getFirst();
                lines.add("  try " + base + ThumborSigner.sign(signingKey, thumbor));
                lines.add("  and " + base + QuerySigner.sign(signingKey, query));
                lines.add("  (signed with the first of SECURITY_KEYS; bin/sign --key <key> '<path>' signs others)");
            } else if (config.secretsManagerId().isPresent()) {
                lines.add("  URLs must be signed with the key in " + config.secretsManagerId().get()
                        + ": bin/sign --key <key> '" + thumbor + "'");
            } else {
                lines.add("  try " + base + "/unsafe" + thumbor);
                lines.add("  and " + base + query);
            }
        }
        lines.add("  upload: curl -F file=@photo.jpg " + base + LocalServer.API + "/upload");
        watched.ifPresent(folder -> lines.add("  or drop images into " + folder + " for their variants in "
                + config.processedBucket() + "/" + UploadProcessor.PROCESSED));
        return lines;
    }

    /** A sample everyone knows, when it is there; else the first image at the top of the bucket. */
    private static Optional<String> example(ImageStore store, String bucket) {
        List<String> keys = store.list(bucket, "").stream()
                .filter(key -> !key.contains("/") && IMAGES.contains(key.substring(key.lastIndexOf('.') + 1)
                        .toLowerCase(Locale.ROOT)))
                .sorted().toList();
        return keys.contains("dandelions.jpg") ? Optional.of("dandelions.jpg") : keys.stream().findFirst();
    }
}

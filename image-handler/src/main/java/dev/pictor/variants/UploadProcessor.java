package dev.pictor.variants;

import dev.pictor.edit.Variant;
import dev.pictor.engine.Exif;
import dev.pictor.engine.Rendered;
import dev.pictor.error.ImageException;
import dev.pictor.metadata.ImageIds;
import dev.pictor.metadata.ImageRecord;
import dev.pictor.metadata.MetadataStore;
import dev.pictor.plan.SourceInfo;
import dev.pictor.render.Renderer;
import dev.pictor.source.ImageStore;
import dev.pictor.source.StoredObject;
import dev.pictor.telemetry.AccessLog;
import dev.pictor.telemetry.Trace;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pre-generation: an original under {@code uploads/} in a source bucket becomes its variants,
 * {@code processed/<name>-<suffix>.<ext>} in the processed bucket, and a metadata record. The original is only read.
 *
 * <p>What can pass (S3 or DynamoDB failing for now, the pixel budget full) is thrown, so that the caller (Lambda)
 * runs it again; what cannot (not an image, too large, corrupt) is recorded as failed and not retried. Run again for
 * the same version of an original, it does nothing: redelivered events are harmless.
 */
public final class UploadProcessor {

    private static final System.Logger LOG = System.getLogger(UploadProcessor.class.getName());

    public static final String UPLOADS = "uploads/";
    public static final String PROCESSED = "processed/";
    /**
     * How long a claim on an upload holds: longer than the pre-generation function may run, shorter than Lambda's
     * retries of an event take (after about one and three minutes), so that a claim left by a process that died is
     * taken over by the next delivery.
     */
    static final Duration CLAIM = Duration.ofSeconds(150);

    private final ImageStore store;
    private final Renderer renderer;
    private final List<Variant> variants;
    private final List<String> sourceBuckets;
    private final String processedBucket;
    private final Optional<MetadataStore> metadata;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public UploadProcessor(ImageStore store, Renderer renderer, List<Variant> variants, List<String> sourceBuckets,
                           String processedBucket, Optional<MetadataStore> metadata, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.variants = List.copyOf(variants);
        this.sourceBuckets = List.copyOf(sourceBuckets);
        this.processedBucket = processedBucket;
        this.metadata = metadata;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** What became of one original. */
    public sealed interface Outcome {
        String key();

        /** Its variants were made now. */
        record Done(String key, ImageRecord record) implements Outcome {
        }

        /** Nothing to do: not an upload, gone, or already done (or failed) for this version. */
        record Skipped(String key, String reason, Optional<ImageRecord> record) implements Outcome {
            Skipped(String key, String reason) {
                this(key, reason, Optional.empty());
            }

            /** Skipped because this version failed before, for good: why is in the record. */
            public Optional<String> failedBefore() {
                return record.filter(r -> r.status() == ImageRecord.Status.FAILED).flatMap(ImageRecord::failure);
            }
        }

        /** It cannot be processed, and will not be tried again: recorded with the reason. */
        record Failed(String key, ImageRecord record) implements Outcome {
            public String reason() {
                return record.failure().orElse("");
            }
        }
    }

    /**
     * @throws ImageException 503 (or 500) when storage failed in a way that may pass, or another process is making
     *                        this upload's variants right now: the caller should try again
     */
    public Outcome process(String bucket, String key) {
        return process(bucket, key, Optional.empty());
    }

    /** An upload the caller has just stored, whose bytes it still holds: they are not read back. */
    public Outcome process(String bucket, String key, StoredObject stored) {
        return process(bucket, key, Optional.of(stored));
    }

    private Outcome process(String bucket, String key, Optional<StoredObject> stored) {
        // One original at a time: the same upload seen twice at once (an API upload and the watcher, two deliveries
        // of one event) is made once, and the second finds it done.
        ReentrantLock lock = locks[Math.floorMod((bucket + "/" + key).hashCode(), locks.length)];
        Trace trace = Trace.within();
        lock.lock();
        try {
            // The line is written within the trace, so that it carries the request id.
            return trace.run(() -> {
                Outcome outcome = processAlone(bucket, key, stored);
                switch (outcome) {
                    case Outcome.Done done -> AccessLog.upload(trace, bucket, key, "done",
                            done.record().variants().size());
                    case Outcome.Failed failed -> AccessLog.upload(trace, bucket, key, "failed", 0);
                    case Outcome.Skipped skipped -> AccessLog.upload(trace, bucket, key, "skipped", 0);
                }
                return outcome;
            });
        } catch (ImageException e) {
            trace.run(() -> {
                Trace.note("code", e.code());
                Trace.note("reason", e.getMessage());
                AccessLog.upload(trace, bucket, key, "retry", 0);
                return null;
            });
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private Outcome processAlone(String bucket, String key, Optional<StoredObject> stored) {
        if (!key.startsWith(UPLOADS) || key.endsWith("/")) {
            return new Outcome.Skipped(key, "not an image under " + UPLOADS);
        }
        if (!sourceBuckets.contains(bucket)) {
            return new Outcome.Skipped(key, "bucket " + bucket + " is not a source bucket");
        }
        Optional<ImageStore.ObjectInfo> head;
        try {
            head = stored.isPresent() ? stored.map(o -> new ImageStore.ObjectInfo(o.bytes().length, o.etag(),
                    o.lastModified())) : store.head(bucket, key);
        } catch (ImageException e) {
            if (e.status() >= 500) {
                throw e;
            }
            // A key S3 allows but this service does not read (a backslash, a "." segment): nothing to do, ever.
            return new Outcome.Skipped(key, e.getMessage());
        }
        if (head.isEmpty()) {
            return new Outcome.Skipped(key, "no such object (deleted since?)");
        }
        String id = ImageIds.of(bucket, key);
        Optional<ImageRecord> existing = metadata.flatMap(m -> m.getImageMetadata(id));
        if (existing.isPresent() && existing.get().sourceEtag().equals(head.get().etag())
                && (existing.get().status() == ImageRecord.Status.FAILED
                || existing.get().status() == ImageRecord.Status.DONE && variantsExist(existing.get()))) {
            return new Outcome.Skipped(key, "already " + existing.get().status().label() + " for this version",
                    existing);
        }
        ImageRecord record = existing.map(r -> r.restarted(head.get().bytes(), head.get().etag(), clock.instant()))
                .orElseGet(() -> ImageRecord.processing(bucket, key, head.get().bytes(), head.get().etag(),
                        clock.instant()));
        if (metadata.isPresent() && !metadata.get().claimProcessing(record, clock.instant().minus(CLAIM))) {
            throw ImageException.unavailable("BeingProcessed", key + " is being made into variants elsewhere", null);
        }
        long started = System.nanoTime();
        Trace.note("sourceBytes", head.get().bytes());
        StoredObject original;
        try {
            original = stored.isPresent() ? stored.get() : store.get(bucket, key, renderer.limits().maxSourceBytes());
        } catch (ImageException e) {
            if (e.kind() == ImageException.Kind.NOT_FOUND) {
                return new Outcome.Skipped(key, "no such object (deleted since?)");
            }
            if (e.status() >= 500) {
                throw e;
            }
            return failed(record, e.getMessage());
        }
        List<Rendered> rendered;
        SourceInfo info;
        try {
            info = renderer.probe(original.bytes());
            Trace.note("sourcePixels", info.pixels());
            rendered = renderer.renderAll(original.bytes(), info, variants.stream().map(Variant::chain).toList(),
                    bucket, started);
        } catch (ImageException e) {
            // For now (the pixel budget full, an overlay's store failing, the time budget spent): a later try may pass.
            if (e.kind() == ImageException.Kind.UNAVAILABLE) {
                throw e;
            }
            if (e.kind() == ImageException.Kind.INTERNAL) {
                LOG.log(System.Logger.Level.ERROR, "variants of " + bucket + "/" + key + " failed", e);
                return failed(record, "the image could not be processed");
            }
            return failed(record, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.ERROR, "variants of " + bucket + "/" + key + " failed", e);
            return failed(record, "the image could not be processed");
        }
        List<ImageRecord.VariantRecord> made = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Rendered variant = rendered.get(i);
            String variantKey = variantKey(key, variants.get(i).suffix(), variant.format().extension());
            store.put(processedBucket, variantKey, variant.bytes(), variant.format().mediaType());
            made.add(new ImageRecord.VariantRecord(variants.get(i).suffix(), variantKey, variant.width(),
                    variant.height(), variant.bytes().length, variant.format().extension()));
        }
        ImageRecord done = record.done(info.uprightWidth(), info.uprightHeight(), info.format().extension(),
                Exif.read(original.bytes()).flatMap(Exif::captureDate), made, clock.instant());
        metadata.ifPresent(m -> m.storeImageMetadata(done));
        return new Outcome.Done(key, done);
    }

    private Outcome failed(ImageRecord record, String reason) {
        Trace.note("reason", reason);
        ImageRecord failed = record.failed(reason, clock.instant());
        metadata.ifPresent(m -> m.storeImageMetadata(failed));
        return new Outcome.Failed(record.key(), failed);
    }

    /** The variants configured now were all made, and are all still there. */
    private boolean variantsExist(ImageRecord record) {
        return record.variants().stream().map(ImageRecord.VariantRecord::suffix).toList()
                .equals(variants.stream().map(Variant::suffix).toList())
                && record.variants().stream().allMatch(v -> store.head(processedBucket, v.key()).isPresent());
    }

    /**
     * The key of a variant, unique to its original. {@code uploads/<path>/<name>.<ext>} becomes
     * {@code processed/<path>/<name>-<suffix>.<ext>} when the original's extension is the one written (the usual case:
     * {@code photo.jpg} has {@code photo-thumb.jpg}). Otherwise (another extension, another case, none, or a variant
     * in another format) the whole file name is kept and six hex digits of the key's SHA-256 are added:
     * {@code photo.jpeg} has {@code photo.jpeg-1f0c3a-thumb.jpg}. No two originals can then share a variant: without
     * the digits, {@code photo.jpg} and {@code photo.jpeg}, or {@code a.b} and {@code a.b.jpg}, would.
     */
    public static String variantKey(String uploadKey, String suffix, String extension) {
        String path = uploadKey.substring(UPLOADS.length());
        String name = path.endsWith("." + extension) && path.length() > extension.length() + 1
                && path.charAt(path.length() - extension.length() - 2) != '/'
                ? path.substring(0, path.length() - extension.length() - 1)
                : path + "-" + shortHash(uploadKey);
        return PROCESSED + name + "-" + suffix + "." + extension;
    }

    private static String shortHash(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 3);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

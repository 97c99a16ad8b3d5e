package dev.pictor.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is known of one uploaded original. {@code width} and {@code height} are upright (EXIF orientation applied),
 * 0 while unknown; {@code format} is the format read from the bytes; {@code captureDate} is the EXIF
 * DateTimeOriginal as ISO-8601 local time (with its offset when the EXIF gives one); {@code failure} says why a
 * failed image failed; {@code sourceEtag} identifies the version of the original the variants were made from.
 */
public record ImageRecord(String id, String bucket, String key, int width, int height, Optional<String> format,
                          long bytes, Optional<String> captureDate, Status status, Optional<String> failure,
                          List<VariantRecord> variants, Instant created, Instant updated, long accessCount,
                          Optional<Instant> lastAccess, Optional<String> sourceEtag) {

    public ImageRecord {
        variants = List.copyOf(variants);
        failure = status == Status.FAILED ? failure : Optional.empty();
    }

    public enum Status {
        PROCESSING, DONE, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One pre-generated variant as written: its suffix, its key in the processed bucket, its size and bytes. */
    public record VariantRecord(String suffix, String key, int width, int height, long bytes, String format) {
    }

    /** The record of an original first seen now, before its variants exist. */
    public static ImageRecord processing(String bucket, String key, long bytes, Optional<String> sourceEtag,
                                         Instant now) {
        return new ImageRecord(ImageIds.of(bucket, key), bucket, key, 0, 0, Optional.empty(), bytes, Optional.empty(),
                Status.PROCESSING, Optional.empty(), List.of(), now, now, 0, Optional.empty(), sourceEtag);
    }

    /** This record started again for a new version of its original: its creation and access counts are kept. */
    public ImageRecord restarted(long newBytes, Optional<String> newEtag, Instant now) {
        return new ImageRecord(id, bucket, key, 0, 0, Optional.empty(), newBytes, Optional.empty(), Status.PROCESSING,
                Optional.empty(), List.of(), created, now, accessCount, lastAccess, newEtag);
    }

    public ImageRecord done(int uprightWidth, int uprightHeight, String formatName, Optional<String> captured,
                            List<VariantRecord> made, Instant now) {
        return new ImageRecord(id, bucket, key, uprightWidth, uprightHeight, Optional.of(formatName), bytes, captured,
                Status.DONE, Optional.empty(), made, created, now, accessCount, lastAccess, sourceEtag);
    }

    /** This record with the access statistics of another (the stored one, which only access updates change). */
    public ImageRecord withAccessStats(long count, Optional<Instant> last) {
        return new ImageRecord(id, bucket, key, width, height, format, bytes, captureDate, status, failure, variants,
                created, updated, count, last, sourceEtag);
    }

    public ImageRecord failed(String reason, Instant now) {
        return new ImageRecord(id, bucket, key, width, height, format, bytes, captureDate, Status.FAILED,
                Optional.of(reason), List.of(), created, now, accessCount, lastAccess, sourceEtag);
    }
}

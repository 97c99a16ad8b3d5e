package dev.pictor.signer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code expires} value of a signed URL: {@code YYYYMMDDTHHmmssZ}, in UTC. */
public final class Expiry {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Expiry() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Empty when the text is not of the form. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.from(FORMAT.parse(text)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

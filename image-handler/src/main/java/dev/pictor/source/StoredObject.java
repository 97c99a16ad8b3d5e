package dev.pictor.source;

import java.time.Instant;
import java.util.Optional;

/** An original as a store returns it. */
public record StoredObject(byte[] bytes, Optional<String> etag, Optional<Instant> lastModified) {
}

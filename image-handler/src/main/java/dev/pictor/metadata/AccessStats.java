package dev.pictor.metadata;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access counts of uploaded images, taken off the response path: serving an image only offers its id to a bounded
 * queue, which never blocks (when it is full the access is dropped and counted as dropped); a background thread
 * drains it, adds up the counts per image and writes them in one batch. This is the original design's
 * {@code S3Operations.updateAccessStats}.
 */
public final class AccessStats implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AccessStats.class.getName());

    private final MetadataStore store;
    private final String uploadsPrefix;
    private final BlockingQueue<String> queue;
    private final Duration interval;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread flusher;
    private volatile boolean open = true;

    /**
     * @param uploadsPrefix only keys under it have records, so only they are counted
     * @param capacity      accesses waiting at most; more are dropped
     * @param interval      how often the counts are written
     */
    public AccessStats(MetadataStore store, String uploadsPrefix, int capacity, Duration interval, Clock clock) {
        this.store = store;
        this.uploadsPrefix = uploadsPrefix;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.interval = interval;
        this.clock = clock;
        this.flusher = Thread.ofPlatform().daemon().name("pictor-access-stats").start(this::run);
    }

    /** An image was served: counted later, never waited for. */
    public void served(String bucket, String key) {
        if (open && key.startsWith(uploadsPrefix) && !queue.offer(ImageIds.of(bucket, key))) {
            dropped.incrementAndGet();
        }
    }

    /** Accesses lost to a full queue since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued now, on the caller's thread. */
    public void flush() {
        List<String> ids = new ArrayList<>();
        queue.drainTo(ids);
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Long> counts = new HashMap<>();
        ids.forEach(id -> counts.merge(id, 1L, Long::sum));
        try {
            store.updateAccessStats(counts, clock.instant());
        } catch (RuntimeException e) {
            // Statistics are best effort: a failed batch is logged and lost, never retried into a growing backlog.
            LOG.log(System.Logger.Level.WARNING, "access counts of " + counts.size() + " images not written: " + e);
        }
    }

    private void run() {
        while (open) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    @Override
    public void close() {
        open = false;
        flusher.interrupt();
        try {
            flusher.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}

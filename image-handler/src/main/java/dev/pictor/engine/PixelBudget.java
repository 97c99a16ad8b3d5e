package dev.pictor.engine;

import dev.pictor.error.ImageException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission by pixels: a request holds the pixels it will have in memory at once (the decoded source and the output)
 * while it renders, and waits when others hold the rest. Concurrent large requests therefore queue instead of
 * exhausting the heap; small ones pass freely. A request larger than the whole budget is refused at once (413): it
 * could never run without exhausting the heap, however long it waited.
 */
public final class PixelBudget {

    /**
     * Bytes a decoded pixel costs at the peak of a request, measured on the pure-JVM path, the hungrier one: the
     * decoder's own buffer (3), the working copy (4), a region or resampled copy (4 and up), with headroom.
     */
    private static final long BYTES_PER_PIXEL = 24;
    private static final int UNIT = 1024;

    private final Semaphore permits;
    private final int total;
    private final long waitMillis;

    /**
     * @param pixels     the budget, in pixels
     * @param waitMillis how long a request may queue before it is refused with 503
     */
    public PixelBudget(long pixels, long waitMillis) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (pixels + UNIT - 1) / UNIT));
        this.permits = new Semaphore(total, true);
        this.waitMillis = waitMillis;
    }

    /** A budget that fits the heap this JVM was given. */
    public static PixelBudget forHeap(long maxHeapBytes, long waitMillis) {
        return new PixelBudget(maxHeapBytes / BYTES_PER_PIXEL, waitMillis);
    }

    public long pixels() {
        return (long) total * UNIT;
    }

    /** Holds {@code pixels} until the returned lease is closed. */
    public Lease acquire(long pixels) {
        if ((pixels + UNIT - 1) / UNIT > total) {
            throw ImageException.tooLarge("TooLargeForMemory", "this image needs " + pixels + " pixels in memory at "
                    + "once, more than this server holds (" + pixels() + "; PIXEL_BUDGET or the heap)");
        }
        int wanted = (int) Math.max(1, (pixels + UNIT - 1) / UNIT);
        try {
            if (!permits.tryAcquire(wanted, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new ImageException(ImageException.Kind.UNAVAILABLE, "Busy",
                        "the server is busy with large images; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageException.internal("interrupted while waiting for memory", e);
        }
        return () -> permits.release(wanted);
    }

    /** The pixels a request holds; closing gives them back. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}

package dev.pictor.local;

import java.util.concurrent.Semaphore;

/**
 * The memory request bodies may take at once: each is read whole (an upload, a form to transform), so many large
 * ones at once could exhaust the heap that renders need. A body that does not fit now is answered 503.
 */
final class BodyBudget {

    private static final int UNIT = 1024;
    private final Semaphore kilobytes;

    BodyBudget(long bytes) {
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / UNIT)));
    }

    /** A quarter of the heap: the rest is for decoding and rendering. */
    static BodyBudget ofHeap() {
        return new BodyBudget(Runtime.getRuntime().maxMemory() / 4);
    }

    boolean take(long bytes) {
        return bytes == 0 || kilobytes.tryAcquire(units(bytes));
    }

    void give(long bytes) {
        if (bytes > 0) {
            kilobytes.release(units(bytes));
        }
    }

    private int units(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT);
    }
}

package dev.pictor.engine.java2d;

import dev.pictor.error.ImageException;

/**
 * Cooperative cancellation. A render whose time budget ran out is interrupted; it stops at the next check (between
 * steps, between frames, and every row of the long passes), so that its pixels are given back soon after its 503
 * rather than when it would have finished.
 */
final class Deadline {

    private Deadline() {
    }

    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ImageException(ImageException.Kind.UNAVAILABLE, "TimeBudgetExceeded",
                    "the image took longer than its time budget to make");
        }
    }
}

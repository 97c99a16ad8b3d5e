package dev.pictor.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request as the logs and metrics tell it: its id (Lambda's request id, or one made here), and the facts its
 * access line reports, noted by whichever part learns them (the source's size, the time spent decoding). It is bound
 * to the request's threads with a scoped value, so that every log line of the request carries its id.
 */
public final class Trace {

    private static final ScopedValue<Trace> CURRENT = ScopedValue.newInstance();

    /** The phases of a render, timed separately. */
    public enum Phase {
        DECODE, RENDER, ENCODE
    }

    private final String id;
    private final long started = System.nanoTime();
    private final Map<String, Object> facts = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicLong[] phases = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    public Trace(String id) {
        this.id = id;
    }

    public static Trace fresh() {
        return new Trace(UUID.randomUUID().toString());
    }

    /** A piece of work within the current request (one upload of an event's several): its own timings, the same id. */
    public static Trace within() {
        return CURRENT.isBound() ? new Trace(CURRENT.get().id) : fresh();
    }

    public String id() {
        return id;
    }

    public static Optional<Trace> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /** The current request's id, or "-" outside one. */
    public static String currentId() {
        return CURRENT.isBound() ? CURRENT.get().id : "-";
    }

    /** Runs {@code work} as part of this request: its log lines carry the id, its parts may note facts. */
    public <T> T run(java.util.function.Supplier<T> work) {
        return ScopedValue.where(CURRENT, this).call(work::get);
    }

    /** The same for work that may throw (a task on another thread, which carries the request with it). */
    public <T> T call(Callable<T> work) throws Exception {
        return ScopedValue.where(CURRENT, this).call(work::call);
    }

    /** A fact for the access line, when there is a request to note it on. */
    public static void note(String name, Object value) {
        if (CURRENT.isBound()) {
            CURRENT.get().facts.put(name, value);
        }
    }

    /** Time spent in a phase, added up (a render may decode twice, say for a frame). */
    public static void time(Phase phase, long nanos) {
        if (CURRENT.isBound()) {
            CURRENT.get().phases[phase.ordinal()].addAndGet(nanos);
        }
    }

    public Map<String, Object> facts() {
        synchronized (facts) {
            return new LinkedHashMap<>(facts);
        }
    }

    public long millis(Phase phase) {
        return phases[phase.ordinal()].get() / 1_000_000;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}

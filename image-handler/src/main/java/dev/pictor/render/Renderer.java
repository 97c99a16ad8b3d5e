package dev.pictor.render;

import dev.pictor.config.Config;
import dev.pictor.edit.Edit;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Frame;
import dev.pictor.edit.Keys;
import dev.pictor.edit.Watermark;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.PixelBudget;
import dev.pictor.engine.Rendered;
import dev.pictor.error.ImageException;
import dev.pictor.plan.Plan;
import dev.pictor.plan.Planner;
import dev.pictor.plan.SourceInfo;
import dev.pictor.security.ImageLimits;
import dev.pictor.security.SourcePolicy;
import dev.pictor.source.ImageSource;
import dev.pictor.source.RemoteSource;
import dev.pictor.source.StoredObject;
import dev.pictor.telemetry.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * From an original's bytes and an edit chain to encoded pixels, within the limits ({@link ImageLimits}: the
 * source's pixels, every frame of an animation, overlays, the largest image a plan makes), from readable buckets, in
 * the pixel budget, and within the request's time budget. The on-demand service, the REST API and the pre-generation of
 * variants all render through here.
 */
public final class Renderer {

    private static final long BUDGET_WAIT_MILLIS = 20_000;

    private final ImageEngine engine;
    private final ImageSource source;
    private final Planner planner;
    private final PixelBudget budget;
    private final SourcePolicy buckets;
    private final ImageLimits limits;
    private final long timeoutMillis;
    private final ExecutorService renderers = Executors.newVirtualThreadPerTaskExecutor();
    private static final int MAX_REMOTE_OVERLAYS = 2;

    /** Thumbor's HTTP loader: images named by URL, from HTTP_SOURCES only; absent when that is empty. */
    private final Optional<RemoteSource> remote;

    public Renderer(Config config, ImageSource source, ImageEngine engine) {
        this.engine = engine;
        this.source = source;
        this.limits = ImageLimits.from(config);
        this.planner = new Planner(config.defaultQuality(), limits.maxPlannedPixels());
        this.budget = config.pixelBudget() > 0 ? new PixelBudget(config.pixelBudget(), BUDGET_WAIT_MILLIS)
                : PixelBudget.forHeap(Runtime.getRuntime().maxMemory(), BUDGET_WAIT_MILLIS);
        this.buckets = new SourcePolicy(config.readableBuckets(), config.sourceBuckets());
        this.timeoutMillis = config.requestTimeoutMillis();
        this.remote = config.httpSources().enabled() ? Optional.of(new RemoteSource(config.httpSources(),
                java.time.Duration.ofMillis(config.requestTimeoutMillis()))) : Optional.empty();
    }

    /** An image named by URL (an original or an overlay), fetched under HTTP_SOURCES' rules. */
    public StoredObject fetch(String url) {
        return remote.orElseThrow(() -> ImageException.forbidden("RemoteSourcesOff", "images are not fetched by URL"
                + " here: HTTP_SOURCES names no host")).get(url, limits.maxSourceBytes());
    }

    public ImageEngine engine() {
        return engine;
    }

    public PixelBudget budget() {
        return budget;
    }

    public SourcePolicy buckets() {
        return buckets;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** The source's header, refused (413) when one frame has more pixels than MAX_SOURCE_PIXELS. */
    public SourceInfo probe(byte[] bytes) {
        return limits.checkSource(engine.probe(bytes));
    }

    /** The plan of a chain against a source, decoding at most at {@code 1/maxShrink} of its size. */
    public Plan plan(EditChain chain, SourceInfo info, int maxShrink) {
        return planner.plan(chain, info, Math.min(maxShrink, engine.maxDecodeShrink(info.format())),
                engine::canEncode, engine::canAnimate);
    }

    /** Everything known before a pixel is decoded, checked against the limits. */
    public Job prepare(byte[] bytes, SourceInfo info, EditChain chain, String bucket) {
        return job(bytes, info, plan(chain, info, Integer.MAX_VALUE), overlays(bucket, chain));
    }

    /** A job for a plan made elsewhere (Thumbor's meta plans without a decode shrink). */
    public Job job(byte[] bytes, SourceInfo info, Plan plan, Map<String, byte[]> overlays) {
        long frames = plan.animated() ? info.frames() : 1;
        limits.checkFrames(info, frames);
        long shrink = plan.decodeShrink();
        long decoded = info.pixels() * frames / (shrink * shrink);
        // The output, or the largest image a step makes on the way if that is larger (a turn before a crop).
        long output = Math.max(plan.peakPixels(),
                (plan.width() > 0 ? (long) plan.width() * plan.height() : decoded / frames) * frames);
        return new Job(bytes, info, plan, overlays, decoded, output);
    }

    /** Renders once the pixel budget has room, within the time budget counted from {@code started} (nanoTime). */
    public Rendered render(Job job, long started) {
        return withinTimeBudget(started, () -> {
            try (PixelBudget.Lease lease = budget.acquire(job.decodedPixels() + job.outputPixels())) {
                return engine.render(job.source(), job.info(), job.plan(), job.overlays());
            }
        });
    }

    /**
     * Several chains on one source with one decode: each is planned alone, then all again at the smallest decode
     * shrink any of them chose (the one the largest output allows), so that the engine decodes once for all.
     */
    public List<Rendered> renderAll(byte[] bytes, SourceInfo info, List<EditChain> chains, String bucket,
                                    long started) {
        int shrink = Integer.MAX_VALUE;
        for (EditChain chain : chains) {
            shrink = Math.min(shrink, plan(chain, info, Integer.MAX_VALUE).decodeShrink());
        }
        List<Plan> plans = new ArrayList<>();
        Map<String, byte[]> overlays = new HashMap<>();
        long pixels = 0;
        long largestOutput = 0;
        for (EditChain chain : chains) {
            overlays.putAll(overlays(bucket, chain));
            Job job = job(bytes, info, plan(chain, info, shrink), overlays);
            plans.add(job.plan());
            pixels = Math.max(pixels, job.decodedPixels());
            largestOutput = Math.max(largestOutput, job.outputPixels());
        }
        long held = pixels * 2 + largestOutput;
        return withinTimeBudget(started, () -> {
            try (PixelBudget.Lease lease = budget.acquire(held)) {
                return engine.renderAll(bytes, info, plans, overlays);
            }
        });
    }

    /**
     * The images a chain lays over the output (watermarks, frames), by id. Each must be in a readable bucket and no
     * larger than an output may be: they are decoded whole, and a frame's padding adds to the output's size.
     */
    public Map<String, byte[]> overlays(String bucket, EditChain chain) {
        long remote = chain.edits().stream().map(edit -> edit instanceof Frame f ? f.key()
                : edit instanceof Watermark w ? w.key() : "").filter(Keys::isRemote).distinct().count();
        if (remote > MAX_REMOTE_OVERLAYS) {
            // Each is a fetch with its own time and byte allowance: one URL must not fan out into many.
            throw ImageException.invalidParameter("a request may lay at most " + MAX_REMOTE_OVERLAYS
                    + " images named by URL, got " + remote);
        }
        Map<String, byte[]> overlays = new HashMap<>();
        for (Edit edit : chain.edits()) {
            switch (edit) {
                case Frame frame -> overlays.computeIfAbsent(frame.key(), id -> overlay(bucket, frame.key()));
                case Watermark mark -> overlays.computeIfAbsent(mark.sourceId(),
                        id -> overlay(mark.bucket().orElse(bucket), mark.key()));
                default -> { }
            }
        }
        return overlays;
    }

    private byte[] overlay(String bucket, String key) {
        byte[] bytes = Keys.isRemote(key) ? fetch(key).bytes()
                : source.get(buckets.requireReadable(bucket), key, limits.maxSourceBytes()).bytes();
        limits.checkOverlay(key, engine.probe(bytes));
        return bytes;
    }

    /**
     * Runs on a virtual thread, answering 503 once the time budget (REQUEST_TIMEOUT_MS, counted from the request's
     * arrival) is spent. A render that overruns runs on to its end, holding its pixels until then, so the budget's
     * accounting stays true; only its answer is dropped.
     */
    private <T> T withinTimeBudget(long started, Callable<T> work) {
        long left = timeoutMillis - (System.nanoTime() - started) / 1_000_000;
        // The render's thread is part of the request: its log lines carry the id, its phases are timed on it.
        java.util.Optional<Trace> trace = Trace.current();
        Future<T> task = renderers.submit(() -> trace.isPresent() ? trace.get().call(work) : work.call());
        try {
            return task.get(Math.max(1, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ImageException(ImageException.Kind.UNAVAILABLE, "TimeBudgetExceeded",
                    "the image took longer than " + timeoutMillis + " ms to make");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageException.internal("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw ImageException.internal("rendering failed", e.getCause());
        }
    }

    /**
     * A render as planned: the plan, the overlays it lays, and the pixels it will hold at once, decoded source and
     * output (all frames of an animation).
     */
    public record Job(byte[] source, SourceInfo info, Plan plan, Map<String, byte[]> overlays, long decodedPixels,
                      long outputPixels) {
    }
}

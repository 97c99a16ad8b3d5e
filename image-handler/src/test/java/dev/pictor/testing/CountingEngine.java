package dev.pictor.testing;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.Rendered;
import dev.pictor.plan.Plan;
import dev.pictor.plan.SourceInfo;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine that counts its renders, and how many ran at once at most, around a real one. */
public final class CountingEngine implements ImageEngine {

    private final ImageEngine real;
    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    public CountingEngine(ImageEngine real) {
        this.real = real;
    }

    public int renders() {
        return renders.get();
    }

    public int mostAtOnce() {
        return most.get();
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public SourceInfo probe(byte[] source) {
        return real.probe(source);
    }

    @Override
    public int maxDecodeShrink(ImageFormat format) {
        return real.maxDecodeShrink(format);
    }

    @Override
    public boolean canEncode(ImageFormat format) {
        return real.canEncode(format);
    }

    @Override
    public boolean canAnimate(ImageFormat format) {
        return real.canAnimate(format);
    }

    @Override
    public Rendered render(byte[] source, SourceInfo info, Plan plan, Map<String, byte[]> overlays) {
        renders.incrementAndGet();
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            return real.render(source, info, plan, overlays);
        } finally {
            inside.decrementAndGet();
        }
    }
}

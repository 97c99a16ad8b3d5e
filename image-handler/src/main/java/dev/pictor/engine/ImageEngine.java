package dev.pictor.engine;

import dev.pictor.edit.ImageFormat;
import dev.pictor.plan.Plan;
import dev.pictor.plan.SourceInfo;
import java.util.List;
import java.util.Map;

/**
 * Decodes, transforms and encodes images. The service talks only to this interface, so a faster engine can take
 * the place of another without touching parsers, planner or adapters.
 */
public interface ImageEngine {

    /** A short name for logs: which engine is serving. */
    String name();

    /** Reads the header only: format, stored size, EXIF orientation, alpha. Never decodes pixels. */
    SourceInfo probe(byte[] source);

    /** The largest power of two this engine can shrink a source of this format by while decoding it (1: none). */
    int maxDecodeShrink(ImageFormat format);

    boolean canEncode(ImageFormat format);

    /** Whether this engine writes animations in this format, keeping every frame (GIF at least). */
    default boolean canAnimate(ImageFormat format) {
        return format == ImageFormat.GIF;
    }

    /**
     * Runs a plan on a source.
     *
     * @param overlays the bytes of every watermark image the plan names, by key
     */
    Rendered render(byte[] source, SourceInfo info, Plan plan, Map<String, byte[]> overlays);

    /**
     * Runs several plans on one source, in order. An engine that can should decode the source once for every plan
     * with the same decode shrink (pre-generated variants are planned so that they all share one).
     */
    default List<Rendered> renderAll(byte[] source, SourceInfo info, List<Plan> plans, Map<String, byte[]> overlays) {
        return plans.stream().map(plan -> render(source, info, plan, overlays)).toList();
    }
}

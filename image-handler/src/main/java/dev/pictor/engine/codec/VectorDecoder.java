package dev.pictor.engine.codec;

import dev.pictor.plan.SourceInfo;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A renderer for vector sources (SVG): their intrinsic size from the document, their pixels at any size, so that an
 * enlargement is drawn rather than stretched. Nothing a document references outside itself is ever read.
 */
public interface VectorDecoder {

    /** What the log says runs. */
    String description();

    /** Whether it can run here (a native library loads on the first call). */
    boolean available();

    /** The intrinsic size (CSS pixels), with alpha. */
    SourceInfo probe(byte[] document);

    /**
     * The {@code region} of the document (in its intrinsic pixels) drawn at {@code width} x {@code height}, stretched
     * if the proportions differ. A renderer that only scales uniformly may return a size a pixel or two off, or the
     * region at its intrinsic size when drawing it larger is beyond it: the engine resamples any difference.
     */
    BufferedImage render(byte[] document, Rectangle region, int width, int height);
}

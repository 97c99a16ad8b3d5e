package dev.pictor.engine.java2d;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.view.FloatSize;
import dev.pictor.edit.ImageFormat;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

/**
 * SVG sources, through JSVG. Its parser reads no DTD and no external entity; references to anything outside the
 * document (files, URLs, even {@code data:} images, which would be a second decoder to bound) are refused; element
 * nesting, {@code use} depth and instances drawn are bounded by {@link #LIMITS}. Not libvips' loader, though sharp's
 * build has one: librsvg draws embedded {@code data:} images and documents itself, past every limit of ours.
 */
final class SvgRenderer {

    /**
     * Element nesting, {@code use} nesting, and element instances as drawn (counted without expanding, so a
     * {@code use} bomb is refused at once); JSVG's default of 2,000 instances refuses detailed illustrations.
     */
    static final DocumentLimits LIMITS = new DocumentLimits(64, 15, 20_000);

    private static final LoaderContext CONTEXT = LoaderContext.builder()
            .externalResourcePolicy(ResourcePolicy.DENY_ALL)
            .documentLimits(LIMITS)
            .build();

    String description() {
        return "JSVG";
    }

    /** The intrinsic size (CSS pixels), with alpha. */
    SourceInfo probe(byte[] document) {
        FloatSize size = load(document).size();
        return new SourceInfo(ImageFormat.SVG, pixels(size.width), pixels(size.height), 1, true);
    }

    /**
     * The {@code region} of the document (in its intrinsic pixels) drawn at {@code width} x {@code height}, stretched
     * if the proportions differ: an enlargement is drawn, not resampled.
     */
    BufferedImage render(byte[] document, Rectangle region, int width, int height) {
        SVGDocument svg = load(document);
        BufferedImage image = Images.create(width, height, true);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.scale(width / (double) region.width, height / (double) region.height);
            g.translate(-region.x, -region.y);
            svg.render(null, g);
        } catch (RuntimeException | StackOverflowError e) {
            throw corrupt(e);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static SVGDocument load(byte[] document) {
        SVGDocument svg;
        try {
            svg = new SVGLoader().load(new ByteArrayInputStream(document), null, CONTEXT);
        } catch (RuntimeException | StackOverflowError e) {
            throw corrupt(e);
        }
        if (svg == null) {
            throw corrupt(null);
        }
        FloatSize size = svg.size();
        if (!(size.width > 0) || !(size.height > 0)) {
            throw new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                    "the SVG source has no size: give its root element a width and height, or a viewBox");
        }
        return svg;
    }

    /** A CSS length in whole pixels; beyond int range is the pixel limit's to refuse, so it saturates. */
    private static int pixels(float length) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(length)));
    }

    private static ImageException corrupt(Throwable cause) {
        return new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                "the SVG source could not be read, or draws more than this server allows (" + LIMITS.maxPathCount()
                        + " elements, " + LIMITS.maxNestingDepth() + " levels of nesting, "
                        + LIMITS.maxUseNestingDepth() + " of <use>)", cause);
    }
}

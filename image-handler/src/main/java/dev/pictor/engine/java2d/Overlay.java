package dev.pictor.engine.java2d;

import dev.pictor.edit.Placement;
import dev.pictor.edit.Watermark;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Lays a watermark over an image with Thumbor's placement, transparency and size-ratio rules. */
final class Overlay {

    private Overlay() {
    }

    static BufferedImage apply(BufferedImage image, BufferedImage mark, Watermark spec) {
        int w = image.getWidth();
        int h = image.getHeight();
        mark = fit(mark, spec, w, h);
        if (spec.transparency() > 0) {
            mark = fade(mark, (100 - spec.transparency()) / 100.0);
        }
        int mw = mark.getWidth();
        int mh = mark.getHeight();
        BufferedImage out = image;
        Graphics2D g = out.createGraphics();
        g.setComposite(AlphaComposite.SrcOver);
        int x0 = spec.x().offset(w, mw);
        int y0 = spec.y().offset(h, mh);
        boolean repeatX = spec.x().kind() == Placement.Kind.REPEAT;
        boolean repeatY = spec.y().kind() == Placement.Kind.REPEAT;
        for (int y = y0; repeatY ? y < h : y == y0; y += mh) {
            for (int x = x0; repeatX ? x < w : x == x0; x += mw) {
                g.drawImage(mark, x, y, null);
            }
        }
        g.dispose();
        return out;
    }

    /** Scales the mark down (or up) so that it fits the ratios of the image it marks, keeping its aspect. */
    private static BufferedImage fit(BufferedImage mark, Watermark spec, int w, int h) {
        double scale = Double.MAX_VALUE;
        if (spec.widthRatio().isPresent()) {
            scale = Math.min(scale, w * spec.widthRatio().get() / 100 / mark.getWidth());
        }
        if (spec.heightRatio().isPresent()) {
            scale = Math.min(scale, h * spec.heightRatio().get() / 100 / mark.getHeight());
        }
        if (scale == Double.MAX_VALUE || Math.abs(scale - 1) < 1e-6) {
            return mark;
        }
        return Resampler.scale(mark, Math.max(1, (int) Math.round(mark.getWidth() * scale)),
                Math.max(1, (int) Math.round(mark.getHeight() * scale)));
    }

    private static BufferedImage fade(BufferedImage mark, double opacity) {
        BufferedImage out = Images.create(mark.getWidth(), mark.getHeight(), true);
        int[] src = Images.data(mark);
        int[] dst = Images.data(out);
        boolean alpha = Images.hasAlpha(mark);
        for (int i = 0; i < src.length; i++) {
            int a = alpha ? src[i] >>> 24 : 255;
            dst[i] = (int) Math.round(a * opacity) << 24 | (src[i] & 0xFFFFFF);
        }
        return out;
    }
}

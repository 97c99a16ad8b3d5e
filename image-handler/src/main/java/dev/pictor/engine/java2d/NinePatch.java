package dev.pictor.engine.java2d;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Android-style nine-patch frames (Thumbor's frame filter). The frame image carries guides in its outermost pixels:
 * dark marks along the top and left edges say which columns and rows stretch, marks along the bottom and right say
 * where the content goes. The image is padded so that it fills the content area, and the frame, stretched to the
 * padded size, is laid over it.
 */
final class NinePatch {

    private NinePatch() {
    }

    /** First and last marked index along a guide (0 based, inside the border), or the given fallback. */
    private record Span(int first, int last) {
        int before() {
            return first;
        }

        int after(int length) {
            return length - 1 - last;
        }
    }

    static BufferedImage frame(BufferedImage image, BufferedImage frame) {
        BufferedImage patch = Decoder.toWorkingForm(frame);
        int fw = patch.getWidth();
        int fh = patch.getHeight();
        if (fw < 3 || fh < 3) {
            return image;
        }
        int iw = fw - 2;
        int ih = fh - 2;
        Span stretchX = guide(patch, true, 0).orElse(new Span(0, iw - 1));
        Span stretchY = guide(patch, false, 0).orElse(new Span(0, ih - 1));
        Span contentX = guide(patch, true, fh - 1).orElse(stretchX);
        Span contentY = guide(patch, false, fw - 1).orElse(stretchY);
        int padLeft = contentX.before();
        int padTop = contentY.before();
        int width = image.getWidth() + padLeft + contentX.after(iw);
        int height = image.getHeight() + padTop + contentY.after(ih);
        BufferedImage out = Images.create(width, height, true);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(image, padLeft, padTop, null);
        int[] xs = cuts(stretchX, iw, width);
        int[] ys = cuts(stretchY, ih, height);
        int[] sxs = {1, 1 + stretchX.first(), 2 + stretchX.last(), 1 + iw};
        int[] sys = {1, 1 + stretchY.first(), 2 + stretchY.last(), 1 + ih};
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                if (xs[col + 1] > xs[col] && ys[row + 1] > ys[row] && sxs[col + 1] > sxs[col]
                        && sys[row + 1] > sys[row]) {
                    g.drawImage(patch, xs[col], ys[row], xs[col + 1], ys[row + 1], sxs[col], sys[row], sxs[col + 1],
                            sys[row + 1], null);
                }
            }
        }
        g.dispose();
        return out;
    }

    /** Where the three bands start and end on the target: fixed, stretched to fill, fixed. */
    private static int[] cuts(Span stretch, int source, int target) {
        int before = stretch.before();
        int after = stretch.after(source);
        int middle = Math.max(0, target - before - after);
        int scaledBefore = Math.min(before, target - middle);
        return new int[] {0, scaledBefore, scaledBefore + middle, target};
    }

    /**
     * The marked span along the top or bottom row ({@code horizontal}, at row {@code at}) or the left or right
     * column (at column {@code at}): opaque, dark pixels, corners excluded.
     */
    private static java.util.Optional<Span> guide(BufferedImage patch, boolean horizontal, int at) {
        int length = (horizontal ? patch.getWidth() : patch.getHeight()) - 2;
        int first = -1;
        int last = -1;
        for (int i = 0; i < length; i++) {
            int p = horizontal ? patch.getRGB(i + 1, at) : patch.getRGB(at, i + 1);
            boolean mark = (p >>> 24) > 128 && ((p >> 16) & 0xFF) < 64 && ((p >> 8) & 0xFF) < 64 && (p & 0xFF) < 64;
            if (mark) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? java.util.Optional.empty() : java.util.Optional.of(new Span(first, last));
    }
}
